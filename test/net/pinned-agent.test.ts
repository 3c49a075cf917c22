// Pins the pinned connection: the socket is opened to the vetted address only, never to the name in
// the URL and never to another host, and an address that is not an IP literal is refused outright.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Connector, pinConnector } from '../../src/net/pinned-agent.ts';
import type { VettedHost } from '../../src/net/ssrf-guard.ts';

const vetted = (hostname: string, address: string) =>
  ({ hostname, address, family: 4, addresses: [address] }) as unknown as VettedHost;

function capture(): { base: Connector; seen: { hostname: string; host?: string | undefined }[] } {
  const seen: { hostname: string; host?: string | undefined }[] = [];
  const base: Connector = (options, callback) => {
    seen.push({ hostname: options.hostname, host: options.host });
    callback(new Error('stop here'), null);
  };
  return { base, seen };
}

describe('pinConnector', () => {
  it('connects to the vetted address while keeping the original host for TLS names', () => {
    const { base, seen } = capture();
    pinConnector(vetted('api.test', '93.184.216.34'), base)(
      { hostname: 'api.test', host: 'api.test:443', protocol: 'https:', port: '443' },
      () => undefined,
    );
    assert.deepEqual(seen, [{ hostname: '93.184.216.34', host: 'api.test:443' }]);
  });

  it('refuses to connect for any other host', () => {
    const { base, seen } = capture();
    let error: Error | null = null;
    pinConnector(vetted('api.test', '93.184.216.34'), base)(
      { hostname: 'evil.test', protocol: 'https:', port: '443' },
      (...result) => {
        error = result[0];
      },
    );
    assert.match(String(error), /pinned to api\.test, not evil\.test/);
    assert.deepEqual(seen, []);
  });

  it('refuses a vetted address that is not an IP literal (it would be looked up again)', () => {
    assert.throws(
      () => pinConnector(vetted('api.test', 'api.test'), capture().base),
      /tried to look up api\.test/,
    );
  });
});
