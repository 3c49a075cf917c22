/**
 * Redirect hops: each Location is checked against the button's policy and host lock before the SSRF
 * guard vets it like any first request; the request is then reshaped as fetch would reshape it.
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { isSensitiveHeader } from './sensitive-headers.ts';

export const RedirectPolicy = { none: 'none', sameHost: 'same-host', any: 'any' } as const;
export type RedirectPolicy = (typeof RedirectPolicy)[keyof typeof RedirectPolicy];

export const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

export interface HopRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

function blocked(message: string, hint?: string): ButtonsError {
  return new ButtonsError(ErrorCode.SSRF_BLOCKED, message, hint);
}

/**
 * The URL a redirect leads to, if the policy allows it. `lockedHost` is the host[:port] locked at
 * create time (same-host compares with it); a downgrade from https to http is refused under every policy.
 */
export function nextHop(from: URL, location: string, policy: RedirectPolicy, lockedHost: string): URL {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new ButtonsError(ErrorCode.HTTP_ERROR, `redirect from ${from.host} has an invalid Location`);
  }
  if (to.protocol !== 'http:' && to.protocol !== 'https:')
    throw blocked(`redirect to a ${to.protocol} URL refused: only http and https are followed`);
  if (from.protocol === 'https:' && to.protocol === 'http:')
    throw blocked(`redirect from https to http (${to.host}) refused: it would send the request in clear`);
  if (to.username !== '' || to.password !== '') throw blocked('redirect to a URL with credentials refused');
  if (policy === 'none') throw blocked(`redirect to ${to.host} not followed (follow_redirects: none)`);
  if (policy === 'same-host' && to.host !== lockedHost) {
    throw blocked(
      `redirect to ${to.host} refused: this button is locked to ${lockedHost} (follow_redirects: same-host)`,
      'Create the button with --follow-redirects any to follow redirects to other hosts.',
    );
  }
  return to;
}

/** The request for the next hop: 303 (and 301/302 after a POST) become a GET without body, as in fetch. */
export function redirectedRequest(status: number, request: HopRequest, from: URL, to: URL): HopRequest {
  let { method, body } = request;
  const headers = { ...request.headers };
  const toGet =
    (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  if (toGet) {
    method = 'GET';
    body = undefined;
    for (const name of Object.keys(headers))
      if (/^content-(type|length|encoding|language|location)$/i.test(name)) delete headers[name];
  }
  // Credentials were given for the origin the button names, not for wherever it points us.
  if (from.origin !== to.origin)
    for (const name of Object.keys(headers)) if (isSensitiveHeader(name)) delete headers[name];
  return { method, headers, body };
}
