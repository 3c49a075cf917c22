/**
 * Removes what the isolate's memory limit cannot see. WebAssembly memories, resizable ArrayBuffers and
 * growable SharedArrayBuffers get their memory from V8 directly, not through the limited allocator, so a
 * program could grow them until the host runs out of memory. They are taken away before any program
 * code runs; the originals are not reachable afterwards.
 */
import type { GuestRuntime } from './core.ts';

export function installHardening(_rt: GuestRuntime): void {
  const g = globalThis as unknown as Record<string, unknown>;
  delete g.WebAssembly;
  for (const name of ['ArrayBuffer', 'SharedArrayBuffer'] as const) {
    const Original = g[name] as (new (length: number) => object) & { prototype: object; isView?: unknown };
    const proto = Original.prototype as Record<string, unknown>;
    delete proto.resize;
    delete proto.grow;
    // A plain function, not a subclass: a subclass would lead back to the original through its prototype.
    const Safe = function (this: unknown, length: unknown) {
      if (new.target === undefined) throw new TypeError(`Constructor ${name} requires 'new'`);
      return Reflect.construct(Original, [length], new.target === Safe ? Original : new.target);
    } as unknown as { prototype: object; isView?: unknown };
    Object.defineProperty(Safe, 'name', { value: name });
    Object.defineProperty(Safe, 'length', { value: 1 });
    Safe.prototype = Original.prototype;
    if (name === 'ArrayBuffer')
      Object.defineProperty(Safe, 'isView', { value: Original.isView, writable: true, configurable: true });
    Object.defineProperty(proto, 'constructor', { value: Safe, writable: true, configurable: true });
    Object.defineProperty(globalThis, name, { value: Safe, writable: true, configurable: true });
  }
}
