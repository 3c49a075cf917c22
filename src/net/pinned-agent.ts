/**
 * An undici dispatcher that can only reach one vetted address. Its connector swaps the URL's hostname
 * for the vetted IP literal (so nothing is looked up again, and a rebinding answer never matters) while
 * TLS still presents and checks the original name.
 */
import { isIP, type LookupFunction } from 'node:net';
import type { VettedHost } from './ssrf-guard.ts';
import { Agent, buildConnector, type Connector } from './undici-parts.ts';

export type { Connector };

export interface PinnedAgentOptions {
  connectTimeoutMs?: number | undefined;
  /** Longest wait for response headers, and for each chunk of the body. */
  readTimeoutMs?: number | undefined;
  /** Opens the socket; the real one by default. Tests pass one that records where it was asked to go. */
  connector?: Connector | undefined;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_READ_TIMEOUT_MS = 30_000;

const notPinned = (hostname: string) => new Error(`pinned connection tried to look up ${hostname}`);

// Never called while the host is an IP literal; there only so that a slip could not reach DNS.
const refuseLookup: LookupFunction = (hostname, _options, callback) => callback(notPinned(hostname), '', 0);

/** Wraps a connector so that it connects to the vetted address and to nothing else. */
export function pinConnector(host: VettedHost, base: Connector): Connector {
  if (isIP(host.address) === 0) throw notPinned(host.address);
  return (options, callback) => {
    const asked = options.hostname.replace(/^\[|\]$/g, '');
    if (asked !== host.hostname) {
      callback(new Error(`this connection is pinned to ${host.hostname}, not ${asked}`), null);
      return;
    }
    // servername stays derived from the original host, so SNI and certificate checks use the name.
    base({ ...options, hostname: host.address }, callback);
  };
}

export function pinnedAgent(host: VettedHost, options: PinnedAgentOptions = {}): Agent {
  const base =
    options.connector ??
    buildConnector({ timeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, lookup: refuseLookup });
  const read = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  return new Agent({
    connect: pinConnector(host, base),
    headersTimeout: read,
    bodyTimeout: read,
    // One request per vetted hop: a kept-alive socket would outlive the vetting it was made for.
    keepAliveTimeout: 1,
    keepAliveMaxTimeout: 1,
  });
}
