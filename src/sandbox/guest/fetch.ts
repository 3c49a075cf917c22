/** Guest `fetch`, `Headers`, `Response`: the request is plain data; the host checks the grant and the SSRF guard. */
import type { GuestRuntime } from './core.ts';

export function installFetch(rt: GuestRuntime): void {
  class Headers {
    #map = new Map<string, [string, string]>();
    constructor(init?: unknown) {
      if (init instanceof Headers) for (const [k, v] of init) this.append(k, v);
      else if (Array.isArray(init)) for (const [k, v] of init) this.append(String(k), String(v));
      else if (init && typeof init === 'object')
        for (const k of Object.keys(init)) this.append(k, String((init as Record<string, unknown>)[k]));
    }
    append(name: string, value: string): void {
      const key = String(name).toLowerCase();
      const old = this.#map.get(key);
      this.#map.set(key, [String(name), old ? `${old[1]}, ${value}` : String(value)]);
    }
    set(name: string, value: string): void {
      this.#map.set(String(name).toLowerCase(), [String(name), String(value)]);
    }
    get(name: string): string | null {
      return this.#map.get(String(name).toLowerCase())?.[1] ?? null;
    }
    has(name: string): boolean {
      return this.#map.has(String(name).toLowerCase());
    }
    delete(name: string): void {
      this.#map.delete(String(name).toLowerCase());
    }
    forEach(fn: (value: string, key: string, self: Headers) => void): void {
      for (const [k, [, v]] of this.#map) fn(v, k, this);
    }
    entries() {
      return [...this.#map].map(([k, [, v]]) => [k, v] as [string, string])[Symbol.iterator]();
    }
    keys() {
      return [...this.#map.keys()][Symbol.iterator]();
    }
    values() {
      return [...this.#map.values()].map(([, v]) => v)[Symbol.iterator]();
    }
    [Symbol.iterator]() {
      return this.entries();
    }
  }

  class Response {
    readonly status: number;
    readonly statusText: string;
    readonly headers: Headers;
    readonly url: string;
    readonly redirected: boolean;
    #bytes: Uint8Array;
    bodyUsed = false;
    constructor(body?: unknown, init: Record<string, unknown> = {}) {
      this.#bytes =
        body instanceof Uint8Array
          ? body
          : body === undefined || body === null
            ? new Uint8Array()
            : new TextEncoder().encode(String(body));
      this.status = Number(init.status ?? 200);
      this.statusText = String(init.statusText ?? '');
      this.headers = new Headers(init.headers);
      this.url = String(init.url ?? '');
      this.redirected = init.redirected === true;
    }
    get ok(): boolean {
      return this.status >= 200 && this.status < 300;
    }
    #take(): Uint8Array {
      if (this.bodyUsed) throw new TypeError('Body has already been used');
      this.bodyUsed = true;
      return this.#bytes;
    }
    async bytes(): Promise<Uint8Array> {
      return this.#take();
    }
    async arrayBuffer(): Promise<ArrayBuffer> {
      const b = this.#take();
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    }
    async text(): Promise<string> {
      return new TextDecoder().decode(this.#take());
    }
    async json(): Promise<unknown> {
      return JSON.parse(await this.text());
    }
    clone(): Response {
      return new Response(this.#bytes, {
        status: this.status,
        statusText: this.statusText,
        headers: this.headers,
        url: this.url,
        redirected: this.redirected,
      });
    }
  }

  async function fetch(input: unknown, init: Record<string, unknown> = {}): Promise<Response> {
    const source = input as { url?: unknown; href?: unknown } | null;
    const url = typeof input === 'string' ? input : String(source?.href ?? source?.url ?? input);
    const headers = new Headers(init.headers);
    const body = init.body;
    const bytes = ArrayBuffer.isView(body)
      ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
      : body instanceof ArrayBuffer
        ? new Uint8Array(body)
        : undefined;
    const reply = (await rt.call('net.fetch', {
      url,
      method: String(init.method ?? 'GET').toUpperCase(),
      headers: [...headers],
      body:
        body === undefined || body === null
          ? null
          : bytes
            ? { base64: rt.base64.encode(bytes) }
            : { text: String(body) },
      redirect: String(init.redirect ?? 'follow'),
    })) as {
      status: number;
      statusText: string;
      headers: [string, string][];
      body: string;
      url: string;
      redirected: boolean;
    };
    return new Response(rt.base64.decode(reply.body), reply);
  }

  const define = (name: string, value: unknown) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  define('Headers', Headers);
  define('Response', Response);
  define('fetch', fetch);
}
