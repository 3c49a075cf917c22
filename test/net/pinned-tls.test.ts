// Pins TLS over a pinned connection: the socket goes to the vetted address, yet the certificate is
// still checked against the name in the URL (a certificate for another name is refused).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { guardedFetch } from '../../src/net/guarded-fetch.ts';
import { fakeResolver, recordingConnector } from './fakes.ts';

describe('TLS on a pinned connection', () => {
  let dir: string;
  let cert: string;
  let server: Server;
  let port: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'buttons-tls-'));
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=api.test',
      '-addext',
      'subjectAltName=DNS:api.test',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    assert.equal(made.status, 0, String(made.stderr));
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
      res.end(`secure ${req.headers.host} sni=${(req.socket as { servername?: string }).servername}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fetchAs = (host: string) => {
    const dns = fakeResolver({ 'api.test': ['93.184.216.34'], 'other.test': ['93.184.216.34'] });
    const socket = recordingConnector(port, { ca: cert });
    const done = guardedFetch(
      `https://${host}/`,
      {},
      {
        allowPrivate: false,
        resolver: dns.resolver,
        connector: socket.connector,
        maxBytes: 1000,
      },
    );
    return { done, socket };
  };

  it('presents and verifies the URL name while connecting to the vetted address', async () => {
    const { done, socket } = fetchAs('api.test');
    const response = await done;
    assert.equal(Buffer.from(response.body).toString(), 'secure api.test sni=api.test');
    assert.deepEqual(socket.asked, ['93.184.216.34']);
  });

  it('refuses a certificate that does not name the host in the URL', async () => {
    const { done } = fetchAs('other.test');
    await assert.rejects(done, { code: 'HTTP_ERROR', message: /request to other\.test failed: .*\(TLS\)/ });
  });
});
