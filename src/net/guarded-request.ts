/**
 * One outbound HTTP request through the SSRF guard: every hop (the first and each redirect) is checked
 * against the redirect policy and host lock, vetted, and sent over a connection pinned to the vetted
 * address. The one entry point for HTTP buttons, the sandbox's fetch and any other outbound path.
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { type PinnedAgentOptions, pinnedAgent } from './pinned-agent.ts';
import { discardBody } from './read-body.ts';
import {
  type HopRequest,
  isRedirect,
  MAX_REDIRECTS,
  nextHop,
  type RedirectPolicy,
  redirectedRequest,
} from './redirects.ts';
import { type GuardOptions, vetHost } from './ssrf-guard.ts';
import { transportError } from './transport-errors.ts';
import { dispatchRequest, type ResponseData } from './undici-parts.ts';

export interface GuardedRequestInit {
  method?: string | undefined;
  headers?: Record<string, string> | undefined;
  body?: string | Uint8Array | undefined;
}

export interface GuardedRequestOptions extends GuardOptions, PinnedAgentOptions {
  /** Default `same-host`. */
  followRedirects?: RedirectPolicy | undefined;
  /** The host[:port] the request is locked to; default the first URL's host. */
  lockedHost?: string | undefined;
  maxRedirects?: number | undefined;
  /** An extra check per hop (e.g. the sandbox's net grants); throw to refuse the hop. */
  checkHop?: ((url: URL) => void | Promise<void>) | undefined;
}

export interface GuardedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The URL that answered (after redirects). */
  url: URL;
  /** The vetted address that answered. */
  address: string;
  /** Each URL a redirect led to, in order. */
  redirects: URL[];
  body: ResponseData['body'];
  /** Releases the connection; call it once the body has been read or is no longer wanted. */
  close(): Promise<void>;
}

function parseTarget(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, 'the request URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ButtonsError(ErrorCode.SSRF_BLOCKED, `${url.protocol} URLs are refused: only http and https`);
  if (url.username !== '' || url.password !== '')
    throw new ButtonsError(ErrorCode.SSRF_BLOCKED, 'URLs with credentials (user:pass@) are refused');
  return url;
}

async function sendHop(url: URL, request: HopRequest, options: GuardedRequestOptions) {
  await options.checkHop?.(url);
  const host = await vetHost(url.hostname, options);
  const agent = pinnedAgent(host, options);
  try {
    const response = await dispatchRequest(agent, {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method as never,
      headers: request.headers,
      body: request.body,
      signal: options.signal,
    });
    return { response, agent, address: host.address };
  } catch (error) {
    await agent.destroy().catch(() => undefined);
    throw transportError(error, url.host);
  }
}

export async function guardedRequest(
  input: string | URL,
  init: GuardedRequestInit,
  options: GuardedRequestOptions,
): Promise<GuardedResponse> {
  let url = parseTarget(input);
  const locked = options.lockedHost ?? url.host;
  if (url.host !== locked)
    throw new ButtonsError(ErrorCode.SSRF_BLOCKED, `request to ${url.host} breaks the host lock (${locked})`);
  const policy = options.followRedirects ?? 'same-host';
  const limit = options.maxRedirects ?? MAX_REDIRECTS;
  let request: HopRequest = { method: init.method ?? 'GET', headers: { ...init.headers }, body: init.body };
  const redirects: URL[] = [];
  for (;;) {
    const { response, agent, address } = await sendHop(url, request, options);
    const location = response.headers.location;
    if (!isRedirect(response.statusCode) || typeof location !== 'string' || policy === 'none') {
      const close = async () => {
        discardBody(response.body);
        await agent.destroy().catch(() => undefined);
      };
      return {
        status: response.statusCode,
        headers: response.headers,
        url,
        address,
        redirects,
        body: response.body,
        close,
      };
    }
    discardBody(response.body);
    await agent.destroy().catch(() => undefined);
    if (redirects.length >= limit)
      throw new ButtonsError(ErrorCode.HTTP_ERROR, `more than ${limit} redirects, starting from ${locked}`);
    const next = nextHop(url, location, policy, locked);
    request = redirectedRequest(response.statusCode, request, url, next);
    redirects.push(next);
    url = next;
  }
}
