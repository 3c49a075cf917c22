/** Guest globals for programs written for Node or the alpha runtime: a minimal `process`, `Bua`, `PermissionError`. */
import type { GuestRuntime } from './core.ts';

export function installGlobals(rt: GuestRuntime): void {
  const m = rt.modules as Record<string, Record<string, (...args: unknown[]) => unknown>>;
  const overrides = new Map<string, string | undefined>();
  const envProxy = new Proxy(
    {},
    {
      get: (_t, key) =>
        typeof key !== 'string' ? undefined : overrides.has(key) ? overrides.get(key) : m.env!.get!(key),
      has: (_t, key) =>
        typeof key === 'string' &&
        (overrides.has(key) ? overrides.get(key) !== undefined : m.env!.has!(key) === true),
      set: (_t, key, value) => {
        if (typeof key === 'string') overrides.set(key, String(value));
        return true;
      },
      deleteProperty: (_t, key) => {
        if (typeof key === 'string') overrides.set(key, undefined);
        return true;
      },
      ownKeys: () => {
        const keys = new Set(Object.keys(m.env!.all!() as Record<string, string>));
        for (const [k, v] of overrides) v === undefined ? keys.delete(k) : keys.add(k);
        return [...keys];
      },
      getOwnPropertyDescriptor: (_t, key) => {
        const value =
          typeof key === 'string' ? (overrides.has(key) ? overrides.get(key) : m.env!.get!(key)) : undefined;
        return value === undefined
          ? undefined
          : { value, writable: true, enumerable: true, configurable: true };
      },
    },
  );

  class ExitSignal extends Error {
    constructor(code: number) {
      super(`process.exit(${code})`);
      this.name = 'ExitSignal';
    }
  }
  let exitCode: number | undefined;
  const write = (stream: string) => ({
    write: (text: unknown) => {
      rt.call('out', {
        stream,
        text: typeof text === 'string' ? text : new TextDecoder().decode(text as Uint8Array),
      });
      return true;
    },
  });
  const process = {
    get argv() {
      return rt.config.argv;
    },
    env: envProxy,
    get platform() {
      return rt.config.platform;
    },
    get version() {
      return rt.config.version;
    },
    versions: {},
    get exitCode(): number | undefined {
      return exitCode;
    },
    set exitCode(value: number | undefined) {
      exitCode = value === undefined ? undefined : Math.trunc(Number(value)) || 0;
      rt.call('exitCode', { code: exitCode ?? 0 });
    },
    cwd: () => rt.config.cwd,
    exit(code?: number): never {
      const value = Math.trunc(Number(code ?? exitCode ?? 0)) || 0;
      rt.call('exit', { code: value });
      throw new ExitSignal(value);
    },
    nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
    stdout: write('stdout'),
    stderr: write('stderr'),
    on: () => process,
    once: () => process,
    off: () => process,
  };

  const Bua = {
    tools: m.tools,
    agent: m.agent,
    trace: m.trace,
    env: m.env,
    fs: m.fs,
    memory: m.memory,
    get args() {
      return rt.config.argv.slice(2);
    },
  };
  const define = (name: string | symbol, value: unknown) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  define('process', process);
  define('Bua', Bua);
  define('PermissionError', rt.PermissionError);
  define('global', globalThis);
  define(Symbol.for('buttons.modules'), rt.modules);
}
