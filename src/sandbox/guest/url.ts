/** Guest URL and URLSearchParams: parsing is the host's WHATWG parser (one sync call); the rest is local. */
import type { GuestRuntime } from './core.ts';

export function installUrl(rt: GuestRuntime): void {
  type Parts = Record<
    | 'href'
    | 'origin'
    | 'protocol'
    | 'username'
    | 'password'
    | 'host'
    | 'hostname'
    | 'port'
    | 'pathname'
    | 'search'
    | 'hash',
    string
  >;
  const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };

  class URLSearchParams {
    #list: [string, string][] = [];
    #onChange: (() => void) | undefined;
    constructor(init?: unknown, onChange?: () => void) {
      if (typeof init === 'string') this.#parse(init);
      else if (Array.isArray(init)) for (const [k, v] of init) this.#list.push([String(k), String(v)]);
      else if (init && typeof init === 'object')
        for (const k of Object.keys(init)) this.#list.push([k, String((init as Record<string, unknown>)[k])]);
      this.#onChange = onChange;
    }
    #parse(text: string): void {
      this.#list = [];
      for (const pair of text.replace(/^\?/, '').split('&')) {
        if (pair === '') continue;
        const at = pair.indexOf('=');
        this.#list.push(
          at < 0 ? [decode(pair), ''] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))],
        );
      }
    }
    _reset(text: string): void {
      this.#parse(text);
    }
    #changed(): void {
      this.#onChange?.();
    }
    get size(): number {
      return this.#list.length;
    }
    append(k: string, v: string): void {
      this.#list.push([String(k), String(v)]);
      this.#changed();
    }
    set(k: string, v: string): void {
      const i = this.#list.findIndex(([key]) => key === String(k));
      if (i < 0) this.#list.push([String(k), String(v)]);
      else {
        this.#list[i] = [String(k), String(v)];
        this.#list = this.#list.filter(([key], j) => key !== String(k) || j === i);
      }
      this.#changed();
    }
    delete(k: string): void {
      this.#list = this.#list.filter(([key]) => key !== String(k));
      this.#changed();
    }
    get(k: string): string | null {
      return this.#list.find(([key]) => key === String(k))?.[1] ?? null;
    }
    getAll(k: string): string[] {
      return this.#list.filter(([key]) => key === String(k)).map(([, v]) => v);
    }
    has(k: string): boolean {
      return this.#list.some(([key]) => key === String(k));
    }
    sort(): void {
      this.#list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      this.#changed();
    }
    forEach(fn: (v: string, k: string, self: URLSearchParams) => void): void {
      for (const [k, v] of this.#list) fn(v, k, this);
    }
    keys() {
      return this.#list.map(([k]) => k)[Symbol.iterator]();
    }
    values() {
      return this.#list.map(([, v]) => v)[Symbol.iterator]();
    }
    entries() {
      return this.#list.map(([k, v]) => [k, v] as [string, string])[Symbol.iterator]();
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    toString(): string {
      return this.#list.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    }
  }

  const state = new WeakMap<object, { parts: Parts; params: URLSearchParams }>();
  const parse = (input: string, base: string | null) => rt.call('url.parse', { input, base }) as Parts;

  class URL {
    constructor(input: unknown, base?: unknown) {
      const parts = parse(String(input), base === undefined ? null : String(base));
      const params = new URLSearchParams(parts.search, () => {
        const query = params.toString();
        update(this, 'search', query === '' ? '' : `?${query}`, false);
      });
      state.set(this, { parts, params });
    }
    static canParse(input: unknown, base?: unknown): boolean {
      try {
        new URL(input, base);
        return true;
      } catch {
        return false;
      }
    }
    get searchParams(): URLSearchParams {
      return state.get(this)!.params;
    }
    toString(): string {
      return state.get(this)!.parts.href;
    }
    toJSON(): string {
      return this.toString();
    }
  }

  function update(url: object, key: keyof Parts, value: string, resetParams = true): void {
    const entry = state.get(url)!;
    entry.parts = rt.call('url.set', { href: entry.parts.href, key, value: String(value) }) as Parts;
    if (resetParams) entry.params._reset(entry.parts.search);
  }

  const keys = [
    'href',
    'origin',
    'protocol',
    'username',
    'password',
    'host',
    'hostname',
    'port',
    'pathname',
    'search',
    'hash',
  ] as const;
  for (const key of keys) {
    Object.defineProperty(URL.prototype, key, {
      get(this: object) {
        return state.get(this)!.parts[key];
      },
      set:
        key === 'origin'
          ? undefined
          : function (this: object, value: string) {
              update(this, key, value);
            },
      configurable: true,
    });
  }
  Object.defineProperty(globalThis, 'URL', { value: URL, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'URLSearchParams', {
    value: URLSearchParams,
    writable: true,
    configurable: true,
  });
}
