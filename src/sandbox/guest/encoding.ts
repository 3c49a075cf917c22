/** Guest TextEncoder/TextDecoder (UTF-8) and atob/btoa, in plain JS: no host call needed. */
import type { GuestRuntime } from './core.ts';

export function installEncoding(rt: GuestRuntime): void {
  class TextEncoder {
    readonly encoding = 'utf-8';
    encode(input = ''): Uint8Array {
      const text = String(input);
      const out: number[] = [];
      for (const ch of text) {
        let c = ch.codePointAt(0)!;
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        if (c < 0x80) out.push(c);
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
      return new Uint8Array(out);
    }
  }

  class TextDecoder {
    readonly encoding = 'utf-8';
    decode(input?: ArrayBuffer | ArrayBufferView): string {
      if (input === undefined) return '';
      const bytes = ArrayBuffer.isView(input)
        ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
        : new Uint8Array(input);
      let out = '';
      let i = 0;
      while (i < bytes.length) {
        const b = bytes[i]!;
        const need =
          b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
        let c = need === 0 ? b : need === 1 ? b & 31 : need === 2 ? b & 15 : b & 7;
        let ok = need >= 0 && i + need < bytes.length;
        for (let k = 1; ok && k <= need; k++) {
          const next = bytes[i + k];
          if (next === undefined || (next & 0xc0) !== 0x80) ok = false;
          else c = (c << 6) | (next & 63);
        }
        if (!ok || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
          out += '\ufffd';
          i += 1;
          continue;
        }
        out += String.fromCodePoint(c);
        i += need + 1;
      }
      return out;
    }
  }

  const define = (name: string, value: unknown) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  define('TextEncoder', TextEncoder);
  define('TextDecoder', TextDecoder);
  define('btoa', (text: string) => {
    const s = String(text);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 255) throw new Error('btoa: the string contains characters outside Latin-1');
      bytes[i] = c;
    }
    return rt.base64.encode(bytes);
  });
  define('atob', (text: string) => {
    let out = '';
    for (const byte of rt.base64.decode(String(text))) out += String.fromCharCode(byte);
    return out;
  });
}
