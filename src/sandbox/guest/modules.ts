/** Guest objects behind `buttons:*` / `bua:*`: thin async wrappers; every decision is made by the host. */
import type { GuestRuntime } from './core.ts';

export function installModules(rt: GuestRuntime): void {
  const pathOf = (p: unknown): string =>
    p !== null && typeof p === 'object' && 'pathname' in p && String((p as URL).protocol) === 'file:'
      ? decodeURIComponent((p as URL).pathname)
      : String(p);
  const isBinary = (opts: unknown) =>
    opts === null ||
    opts === 'binary' ||
    (typeof opts === 'object' && opts !== null && (opts as { encoding?: unknown }).encoding === null);
  const bytesOf = (data: unknown): Uint8Array | undefined =>
    ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : undefined;

  const fs = {
    async readFile(path: unknown, opts?: unknown) {
      const binary = isBinary(opts);
      const data = rt.call('fs.read', { path: pathOf(path), binary }) as string;
      return binary ? rt.base64.decode(data) : data;
    },
    async readTextFile(path: unknown) {
      return rt.call('fs.read', { path: pathOf(path), binary: false });
    },
    async writeFile(path: unknown, data: unknown, opts?: { append?: boolean }) {
      const bytes = bytesOf(data);
      const body = bytes ? { base64: rt.base64.encode(bytes) } : { text: String(data) };
      rt.call('fs.write', { path: pathOf(path), ...body, append: opts?.append === true });
    },
    async writeTextFile(path: unknown, text: unknown, opts?: { append?: boolean }) {
      return fs.writeFile(path, String(text), opts);
    },
    async appendFile(path: unknown, data: unknown) {
      return fs.writeFile(path, data, { append: true });
    },
    async readDir(path: unknown) {
      return rt.call('fs.readDir', { path: pathOf(path) });
    },
    async stat(path: unknown) {
      return rt.call('fs.stat', { path: pathOf(path) });
    },
    async exists(path: unknown) {
      return rt.call('fs.exists', { path: pathOf(path) });
    },
    async remove(path: unknown, opts?: { recursive?: boolean }) {
      rt.call('fs.remove', { path: pathOf(path), recursive: opts?.recursive === true });
    },
    async mkdir(path: unknown, opts?: { recursive?: boolean }) {
      rt.call('fs.mkdir', { path: pathOf(path), recursive: opts?.recursive === true });
    },
  };

  const env = {
    get: (key: string) => (rt.call('env.get', { key: String(key) }) as string | null) ?? undefined,
    has: (key: string) => env.get(key) !== undefined,
    require(key: string): string {
      const value = env.get(key);
      if (value === undefined) throw new Error(`environment variable ${key} is not set`);
      return value;
    },
    all: () => rt.call('env.all') as Record<string, string>,
    args: () => ({ ...rt.config.args }),
  };

  const run = {
    exec(program: string, args: unknown[] = [], opts: Record<string, unknown> = {}) {
      return rt.call('run.exec', {
        program: String(program),
        args: args.map(String),
        cwd: opts.cwd === undefined ? null : pathOf(opts.cwd),
        stdin: opts.stdin === undefined ? null : String(opts.stdin),
        timeout: opts.timeout === undefined ? null : Number(opts.timeout),
        env: opts.env ?? null,
      });
    },
  };

  const tools = {
    call: (name: string, args: unknown = {}) => rt.call('tools.call', { name: String(name), args }),
    list: () => rt.call('tools.list'),
    has: (name: string) => rt.call('tools.has', { name: String(name) }) as Promise<boolean>,
  };

  const log = (level: string) => (message: unknown, data?: unknown) =>
    rt.call('trace.log', {
      level,
      message: typeof message === 'string' ? message : rt.inspect(message),
      data: data ?? null,
    });
  const trace = {
    log: (level: string, message: unknown, data?: unknown) => log(String(level))(message, data),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    checkpoint: (name: string, data?: unknown) =>
      rt.call('trace.checkpoint', { name: String(name), data: data ?? null }),
  };

  const time = {
    now: () => Date.now(),
    iso: () => new Date().toISOString(),
    monotonic: () => rt.call('time.monotonic') as number,
    sleep: (ms: number) =>
      (rt.call('timer', { ms: Math.max(0, Number(ms) || 0) }) as Promise<unknown>).then(() => undefined),
  };

  const memory = {
    get: async (key: string) => rt.call('memory.get', { key: String(key) }) ?? undefined,
    set: async (key: string, value: unknown) => void rt.call('memory.set', { key: String(key), value }),
    delete: async (key: string) => rt.call('memory.delete', { key: String(key) }) as boolean,
    keys: async (prefix?: string) =>
      rt.call('memory.keys', { prefix: prefix === undefined ? '' : String(prefix) }),
    clear: async () => void rt.call('memory.clear'),
  };

  Object.assign(rt.modules, { fs, env, run, tools, trace, time, memory });
  Object.defineProperty(globalThis, 'performance', {
    value: {
      now: time.monotonic,
      get timeOrigin() {
        return Date.now() - time.monotonic();
      },
    },
    writable: true,
    configurable: true,
  });
}
