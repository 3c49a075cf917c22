/** Guest `console`: formats inside the isolate, hands finished text to the host's output. */
import type { GuestRuntime } from './core.ts';

export function installConsole(rt: GuestRuntime): void {
  function inspect(value: unknown, depth = 0, seen: unknown[] = []): string {
    if (typeof value === 'string')
      return depth === 0
        ? value
        : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
    if (typeof value === 'function') return `[Function: ${value.name || 'anonymous'}]`;
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'symbol') return value.toString();
    if (value === null || typeof value !== 'object') return String(value);
    if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
    if (seen.includes(value)) return '[Circular]';
    if (depth > 4) return Array.isArray(value) ? '[Array]' : '[Object]';
    const next = [...seen, value];
    if (Array.isArray(value)) return `[ ${value.map((v) => inspect(v, depth + 1, next)).join(', ')} ]`;
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Map)
      return `Map(${value.size}) { ${[...value].map(([k, v]) => `${inspect(k, depth + 1, next)} => ${inspect(v, depth + 1, next)}`).join(', ')} }`;
    if (value instanceof Set)
      return `Set(${value.size}) { ${[...value].map((v) => inspect(v, depth + 1, next)).join(', ')} }`;
    if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as Uint8Array).length})`;
    const entries = Object.keys(value).map(
      (k) =>
        `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect((value as Record<string, unknown>)[k], depth + 1, next)}`,
    );
    const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
    return entries.length === 0 ? `${name}{}` : `${name}{ ${entries.join(', ')} }`;
  }

  function format(args: unknown[]): string {
    return args.map((a) => inspect(a)).join(' ');
  }

  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const write = (stream: 'stdout' | 'stderr', text: string) => rt.call('out', { stream, text: `${text}\n` });
  const out = (...args: unknown[]) => write('stdout', format(args));
  const err = (...args: unknown[]) => write('stderr', format(args));
  const console = {
    log: out,
    info: out,
    debug: out,
    error: err,
    warn: err,
    trace: err,
    dir: (value: unknown) => out(inspect(value, 1)),
    table: (value: unknown) => out(inspect(value, 1)),
    assert: (ok: unknown, ...args: unknown[]) => {
      if (!ok) err('Assertion failed', ...args);
    },
    count: (label = 'default') => {
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      out(`${label}: ${n}`);
    },
    time: (label = 'default') => void timers.set(label, Date.now()),
    timeEnd: (label = 'default') => out(`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`),
  };
  rt.inspect = (value) => inspect(value);
  Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true });
}
