/** Fakes for the guard's two ports: a resolver answering from a table, a connector that records. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connector } from '../../src/net/pinned-agent.ts';
import type { Resolver } from '../../src/net/resolver.ts';
import { buildConnector } from '../../src/net/undici-parts.ts';

export interface FakeResolver {
  resolver: Resolver;
  asked: string[];
}

/** Answers each name from the table: a list, or a function of how many times the name was asked. */
export function fakeResolver(table: Record<string, string[] | ((nth: number) => string[])>): FakeResolver {
  const asked: string[] = [];
  const resolver: Resolver = async (hostname) => {
    asked.push(hostname);
    const entry = table[hostname];
    if (entry === undefined)
      throw Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' });
    const nth = asked.filter((h) => h === hostname).length;
    const list = typeof entry === 'function' ? entry(nth) : entry;
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolver, asked };
}

export interface RecordingConnector {
  connector: Connector;
  /** The addresses the guard asked to connect to, in order. */
  asked: string[];
}

/**
 * Records where the pinned agent asks to connect, then (if a loopback port is given) really connects
 * there instead: a test can play a "public" server without ever touching a non-loopback address.
 */
export function recordingConnector(loopbackPort?: number, tls: { ca?: string } = {}): RecordingConnector {
  const asked: string[] = [];
  const real = buildConnector(tls);
  const connector: Connector = (options, callback) => {
    asked.push(options.hostname);
    if (loopbackPort === undefined) {
      callback(new Error('this test must not connect anywhere'), null);
      return;
    }
    real({ ...options, hostname: '127.0.0.1', port: String(loopbackPort) }, callback);
  };
  return { connector, asked };
}

export type Handler = Parameters<typeof createServer>[1];

/** A real HTTP server on a loopback address; resolves to its port. */
export async function serve(handler: Handler, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
