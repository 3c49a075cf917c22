/**
 * One spelling per host: the WHATWG host parser turns every IPv4 spelling (2130706433, 0x7f.1, 0177.0.0.1,
 * 127.1) into dotted decimal and IPv6 into its compressed form, exactly as `new URL()` does for a request.
 */
import { isIP } from 'node:net';
import { ButtonsError, ErrorCode } from '../core/errors.ts';

export interface CanonicalHost {
  /** Lower-case name, dotted-decimal IPv4, or IPv6 without brackets. */
  hostname: string;
  /** 4 or 6 when the host is an IP literal, 0 for a name to resolve. */
  ipVersion: 0 | 4 | 6;
}

function refuse(host: string, why: string): ButtonsError {
  return new ButtonsError(ErrorCode.SSRF_BLOCKED, `host ${JSON.stringify(host)} is refused: ${why}`);
}

export function canonicalHost(host: string): CanonicalHost {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  // Zone ids only name link-local scopes on this machine; never a remote target.
  if (bare.includes('%')) throw refuse(host, 'IPv6 zone ids are never allowed');
  if (bare === '' || /[/?#@\\\s]/.test(bare)) throw refuse(host, 'not a host name');
  const v6 = bare.includes(':');
  let hostname: string;
  try {
    hostname = new URL(`http://${v6 ? `[${bare}]` : bare}/`).hostname;
  } catch {
    throw refuse(host, 'not a valid host name or IP address');
  }
  if (hostname.startsWith('[')) hostname = hostname.slice(1, -1);
  const version = isIP(hostname);
  return { hostname, ipVersion: version === 4 ? 4 : version === 6 ? 6 : 0 };
}
