/**
 * Guest side of the bridge. Everything in src/sandbox/guest/ runs INSIDE the isolate: each function is
 * sent as source text (Function#toString), so it may use only its parameters and standard globals.
 * Guest code can tamper with all of this; that only hurts itself, because every check is on the host.
 */

/** What the runtime installers share inside the isolate. */
export interface GuestRuntime {
  config: GuestConfig;
  /** Sync host call: returns the value, throws the rebuilt error, or returns a promise for async ops. */
  call(op: string, payload?: unknown): unknown;
  /** Starts an async host op; the id lets the guest cancel it (timers). */
  start(op: string, payload?: unknown): { id: number; promise: Promise<unknown> };
  settle(id: number, raw: string): void;
  configure(raw: string): void;
  makeError(data: ErrorPayload): Error;
  PermissionError: new (data: ErrorPayload) => Error;
  modules: Record<string, Record<string, unknown>>;
  inspect(value: unknown): string;
  base64: { encode(bytes: Uint8Array): string; decode(text: string): Uint8Array };
}

export interface GuestConfig {
  argv: string[];
  agentId: string;
  parentId: string | null;
  runId: string;
  cwd: string;
  platform: string;
  version: string;
  args: Record<string, string>;
}

export interface ErrorPayload {
  name: string;
  message: string;
  code?: string;
  capability?: string;
  resource?: string;
  flag?: string;
}

export function guestCore(hostCall: (op: string, payload: string) => string): GuestRuntime {
  // Captured now, so later tampering by the program cannot change how replies are read.
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  // Filled in by configure() when a run takes this (possibly pre-warmed) isolate.
  const config = {
    argv: [],
    agentId: '',
    parentId: null,
    runId: '',
    cwd: '/',
    platform: '',
    version: '',
    args: {},
  } as GuestConfig;
  const waiters = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

  class PermissionError extends Error {
    capability: string | undefined;
    resource: string | undefined;
    flag: string | undefined;
    code = 'PERMISSION_DENIED';
    constructor(data: ErrorPayload) {
      super(data.message);
      this.name = 'PermissionError';
      this.capability = data.capability;
      this.resource = data.resource;
      this.flag = data.flag;
    }
  }

  function makeError(data: ErrorPayload): Error {
    if (data.name === 'PermissionError') return new PermissionError(data);
    const ctor = data.name === 'TypeError' ? TypeError : data.name === 'RangeError' ? RangeError : Error;
    const error = new ctor(data.message) as Error & { code?: string };
    if (data.name !== ctor.name) error.name = data.name;
    if (data.code !== undefined) error.code = data.code;
    return error;
  }

  function send(op: string, payload: unknown): { v?: unknown; p?: number } {
    const reply = parse(hostCall(op, stringify(payload === undefined ? null : payload))) as {
      v?: unknown;
      e?: ErrorPayload;
      p?: number;
    };
    if (reply.e) throw makeError(reply.e);
    return reply;
  }

  function wait(id: number): Promise<unknown> {
    return new Promise((resolve, reject) => waiters.set(id, { resolve, reject }));
  }

  function call(op: string, payload?: unknown): unknown {
    const reply = send(op, payload);
    return reply.p === undefined ? reply.v : wait(reply.p);
  }

  function start(op: string, payload?: unknown): { id: number; promise: Promise<unknown> } {
    const reply = send(op, payload);
    if (reply.p === undefined) throw new Error(`${op} is not asynchronous`);
    return { id: reply.p, promise: wait(reply.p) };
  }

  function settle(id: number, raw: string): void {
    const waiter = waiters.get(id);
    if (!waiter) return;
    waiters.delete(id);
    const reply = parse(raw) as { v?: unknown; e?: ErrorPayload };
    if (reply.e) waiter.reject(makeError(reply.e));
    else waiter.resolve(reply.v);
  }

  function configure(raw: string): void {
    Object.assign(config, parse(raw));
  }

  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const base64 = {
    encode(bytes: Uint8Array): string {
      let out = '';
      for (let i = 0; i < bytes.length; i += 3) {
        const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
        out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
        out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.length ? alphabet[n & 63] : '=';
      }
      return out;
    },
    decode(text: string): Uint8Array {
      const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
      const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
      let bits = 0;
      let value = 0;
      let j = 0;
      for (const ch of clean) {
        value = (value << 6) | alphabet.indexOf(ch);
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out[j++] = (value >> bits) & 255;
        }
      }
      return out.subarray(0, j);
    },
  };

  return {
    config,
    call,
    start,
    settle,
    configure,
    makeError,
    PermissionError: PermissionError as unknown as GuestRuntime['PermissionError'],
    modules: {},
    inspect: String,
    base64,
  };
}
