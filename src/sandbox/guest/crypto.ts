/** Guest `crypto.getRandomValues` / `randomUUID`: bytes come from the host's CSPRNG. */
import type { GuestRuntime } from './core.ts';

export function installCrypto(rt: GuestRuntime): void {
  const randomBytes = (n: number): Uint8Array => rt.base64.decode(rt.call('random.bytes', { n }) as string);

  const crypto = {
    getRandomValues<T extends ArrayBufferView>(view: T): T {
      if (!ArrayBuffer.isView(view) || view instanceof Float32Array || view instanceof Float64Array)
        throw new TypeError('getRandomValues needs an integer typed array');
      if (view.byteLength > 65536) throw new RangeError('getRandomValues: at most 65536 bytes per call');
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(randomBytes(view.byteLength));
      return view;
    },
    randomUUID(): string {
      const b = randomBytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
  rt.modules.random = {
    bytes: (n: number) => randomBytes(Math.max(0, Math.min(Number(n) || 0, 65536))),
    uuid: () => crypto.randomUUID(),
    float: () => {
      const b = randomBytes(7);
      let n = 0;
      for (const x of b) n = n * 256 + x;
      return (n % 2 ** 53) / 2 ** 53;
    },
    int(min: number, max: number): number {
      const lo = Math.ceil(Number(min));
      const hi = Math.floor(Number(max));
      if (!(hi >= lo)) throw new RangeError('random.int(min, max) needs min <= max');
      return lo + Math.floor((rt.modules.random!.float as () => number)() * (hi - lo + 1));
    },
    pick<T>(items: readonly T[]): T | undefined {
      return items.length === 0
        ? undefined
        : items[(rt.modules.random!.int as (a: number, b: number) => number)(0, items.length - 1)];
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      const int = rt.modules.random!.int as (a: number, b: number) => number;
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
  Object.defineProperty(globalThis, 'crypto', { value: crypto, writable: true, configurable: true });
}
