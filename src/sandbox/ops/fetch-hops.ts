/**
 * One guarded fetch from sandboxed code. Every hop — the first request and each redirect — is one
 * audited net check against the grants, then goes through the SSRF guard over a connection pinned to
 * the vetted address.
 * Private addresses are reachable only when the matching grant names the address (or `localhost`) itself.
 */
import { ButtonsError } from '../../core/errors.ts';
import type { FetchedResponse } from '../../net/guarded-fetch.ts';
import {
  type HopRequest,
  isRedirect,
  MAX_REDIRECTS,
  nextHop,
  redirectedRequest,
} from '../../net/redirects.ts';
import type { Resolver } from '../../net/resolver.ts';
import type { Trace } from '../audit/trace.ts';
import { GuestError, guestError } from '../engine/replies.ts';
import type { Checker } from '../grants/checker.ts';
import { canonicalName } from '../grants/net-rules.ts';

export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface NetOpsContext {
  checker: Checker;
  trace: Trace;
  env: Readonly<Record<string, string | undefined>>;
  /** Tests pass a fake resolver so that refusals are proven without any real lookup. */
  resolver?: Resolver | undefined;
  /** Bounds the connections one agent holds at once (sockets are a host resource). */
  slots: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  redirect: 'follow' | 'manual' | 'error';
}

export interface FetchReply {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array;
  url: string;
  redirected: boolean;
}

function target(url: URL) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw guestError('TypeError', `fetch: ${url.protocol} URLs are not supported (only http and https)`);
  }
  const { host, ipVersion } = canonicalName(url.hostname);
  return {
    host,
    ipVersion,
    port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
  };
}

function headerPairs(headers: Record<string, string | string[] | undefined>): [string, string][] {
  return Object.entries(headers).flatMap(([k, v]) =>
    v === undefined
      ? []
      : Array.isArray(v)
        ? v.map((x) => [k, x] as [string, string])
        : [[k, v] as [string, string]],
  );
}

/** One fetch, hop by hop; used by `fetch` and the `bua_http_get` tool. */
export async function sandboxFetch(
  ctx: NetOpsContext,
  request: FetchRequest,
  signal: AbortSignal,
): Promise<FetchReply> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw guestError('TypeError', `fetch: invalid URL ${JSON.stringify(request.url.slice(0, 200))}`);
  }
  let hop: HopRequest = { method: request.method, headers: request.headers, body: request.body };
  for (let redirects = 0; ; redirects++) {
    const permit = ctx.checker.net(target(url));
    let response: FetchedResponse;
    try {
      // The HTTP client is large: it loads on a program's first fetch, not with every sandbox.
      const [{ guardedFetch }, { privateNetworksAllowedByEnv }] = await Promise.all([
        import('../../net/guarded-fetch.ts'),
        import('../../net/ssrf-guard.ts'),
      ]);
      response = await ctx.slots(() =>
        guardedFetch(url, hop, {
          allowPrivate: permit.privateAllowed || privateNetworksAllowedByEnv(ctx.env),
          resolver: ctx.resolver,
          signal,
          followRedirects: 'none',
          maxBytes: MAX_RESPONSE_BYTES,
        }),
      );
    } catch (error) {
      throw asGuestError(error, ctx, url);
    }
    const location = response.headers.location;
    if (request.redirect === 'follow' && isRedirect(response.status) && typeof location === 'string') {
      if (redirects >= MAX_REDIRECTS)
        throw guestError('TypeError', `fetch: more than ${MAX_REDIRECTS} redirects`);
      const next = (() => {
        try {
          return nextHop(url, location, 'any', url.host);
        } catch (error) {
          throw asGuestError(error, ctx, url);
        }
      })();
      hop = redirectedRequest(response.status, hop, url, next);
      url = next;
      continue;
    }
    if (request.redirect === 'error' && isRedirect(response.status))
      throw guestError('TypeError', 'fetch: redirect refused (redirect: "error")');
    if (response.over)
      throw guestError('RangeError', `fetch: response body larger than ${MAX_RESPONSE_BYTES} bytes`);
    return {
      status: response.status,
      statusText: '',
      headers: headerPairs(response.headers),
      body: response.body,
      url: url.href,
      redirected: redirects > 0,
    };
  }
}

function asGuestError(error: unknown, ctx: NetOpsContext, url: URL): Error {
  if (error instanceof GuestError) return error;
  if (error instanceof ButtonsError && error.code === 'SSRF_BLOCKED') {
    ctx.trace.write({
      type: 'blocked',
      agent: ctx.checker.agent,
      cap: 'net',
      resource: url.host,
      reason: error.message,
    });
    return new GuestError({
      name: 'PermissionError',
      message: `network access to ${JSON.stringify(url.host)} denied: ${error.message}`,
      code: 'SSRF_BLOCKED',
      capability: 'net',
      resource: url.host,
    });
  }
  if (error instanceof ButtonsError)
    return guestError('TypeError', `fetch failed: ${error.message}`, error.code);
  if ((error as Error | null)?.name === 'AbortError')
    return guestError('Error', 'fetch aborted: the program ended', 'ABORTED');
  return guestError('TypeError', `fetch failed: ${url.host}`, 'FETCH_FAILED');
}
