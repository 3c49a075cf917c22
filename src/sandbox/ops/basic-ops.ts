/** Host ops that need no grant: WHATWG URL parsing and random bytes. */

import { randomHex } from '../../store/random.ts';
import { guestError } from '../engine/replies.ts';
import type { OpTable } from '../engine/session.ts';

const URL_KEYS = [
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
const SETTABLE = new Set<string>(URL_KEYS.filter((k) => k !== 'origin'));

function parts(url: URL): Record<string, string> {
  return Object.fromEntries(URL_KEYS.map((k) => [k, url[k]]));
}

function parseUrl(input: unknown, base: unknown): URL {
  try {
    return base === null || base === undefined
      ? new URL(String(input))
      : new URL(String(input), String(base));
  } catch {
    throw guestError('TypeError', `Invalid URL: ${String(input).slice(0, 200)}`, 'ERR_INVALID_URL');
  }
}

function record(payload: unknown): Record<string, unknown> {
  return payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
}

export const basicOps: OpTable = {
  'url.parse'(payload) {
    const { input, base } = record(payload);
    return parts(parseUrl(input, base));
  },
  'url.set'(payload) {
    const { href, key, value } = record(payload);
    const url = parseUrl(href, null);
    if (typeof key === 'string' && SETTABLE.has(key))
      (url as unknown as Record<string, string>)[key] = String(value);
    return parts(url);
  },
  'random.bytes'(payload) {
    const n = Math.max(0, Math.min(Math.trunc(Number(record(payload).n)) || 0, 65536));
    // The kernel's CSPRNG, as node:crypto would use, without loading crypto on every cold start.
    return Buffer.from(randomHex(n), 'hex').toString('base64');
  },
};
