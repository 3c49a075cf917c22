// Pins the HTTP runner's outcomes with real local servers and the guard's ports driven by fakes, so a
// "public" host can be played on loopback: a redirect from it to a private address is refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArgDecl } from '../../src/core/arg-types.ts';
import { makeRedactor } from '../../src/core/redact.ts';
import type { ButtonSpec } from '../../src/core/spec.ts';
import { runHttp } from '../../src/net/http-runner.ts';
import { type HttpFlags, httpSpecFields } from '../../src/net/http-spec.ts';
import type { RunRequest } from '../../src/runners/runner.ts';
import { fakeResolver, recordingConnector, serve } from './fakes.ts';

function request(flags: Partial<HttpFlags> & { url: string }, args: ArgDecl[] = [], values = {}): RunRequest {
  const spec: ButtonSpec = {
    schema_version: 1,
    name: 'b',
    runtime: 'http',
    args,
    timeout_seconds: 5,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...httpSpecFields({ header: [], ...flags }, args),
  };
  return {
    spec,
    runId: 'r',
    buttonDir: '/nonexistent',
    dataRoot: '/nonexistent',
    args: values,
    batteries: new Map(),
    timeoutMs: 5000,
    graceMs: 0,
    maxOutputBytes: 64,
    redactor: makeRedactor([]),
    cwd: '/',
    baseEnv: {},
  };
}

describe('HTTP runner', () => {
  let site: Awaited<ReturnType<typeof serve>>;
  let hits: string[];
  before(async () => {
    hits = [];
    site = await serve((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/to-private') {
        res.writeHead(302, { location: 'http://192.168.1.1/admin' });
        res.end();
      } else if (req.url === '/to-loopback') {
        res.writeHead(301, { location: 'http://localhost/' });
        res.end();
      } else if (req.url === '/long-error') {
        res.writeHead(500);
        res.end('e'.repeat(200));
      } else if (req.url === '/silent') {
        // never answers: only the timeout ends this request
      } else {
        res.setHeader('content-type', 'application/json');
        res.end('{"fine":true}');
      }
    });
  });
  after(() => {
    site.server.closeAllConnections();
    site.server.close();
  });

  const ports = () => {
    const dns = fakeResolver({ 'public.example': ['93.184.216.34'], localhost: ['127.0.0.1'] });
    return { dns, socket: recordingConnector(site.port), resolver: dns.resolver };
  };

  it('refuses a redirect from a public host to a private address (button without the flag)', async () => {
    for (const path of ['/to-private', '/to-loopback']) {
      const p = ports();
      const outcome = await runHttp(
        request({ url: `http://public.example${path}`, followRedirects: 'any' }),
        {
          resolver: p.resolver,
          connector: p.socket.connector,
        },
      );
      assert.equal(outcome.status, 'error');
      assert.equal(outcome.error?.code, 'SSRF_BLOCKED', path);
      assert.deepEqual(p.socket.asked, ['93.184.216.34'], 'only the public host was connected to');
    }
  });

  it('answers ok with the JSON body parsed and the status recorded', async () => {
    const p = ports();
    const outcome = await runHttp(request({ url: 'http://public.example/fine' }), {
      resolver: p.resolver,
      connector: p.socket.connector,
    });
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.httpStatus, 200);
    assert.equal(outcome.stdout, '{"fine":true}');
    assert.deepEqual(outcome.output, { fine: true });
  });

  it('keeps an error body up to the output bound and says it was truncated', async () => {
    const p = ports();
    const outcome = await runHttp(request({ url: 'http://public.example/long-error' }), {
      resolver: p.resolver,
      connector: p.socket.connector,
    });
    assert.equal(outcome.error?.code, 'HTTP_ERROR');
    assert.equal(outcome.error?.message, 'public.example answered HTTP 500');
    assert.equal(outcome.httpStatus, 500);
    assert.equal(outcome.stdout, 'e'.repeat(64));
    assert.equal(outcome.truncated.stdout, true);
  });

  it('ends a request the server never answers with TIMEOUT', async () => {
    const p = ports();
    const req = { ...request({ url: 'http://public.example/silent' }), timeoutMs: 300 };
    const outcome = await runHttp(req, { resolver: p.resolver, connector: p.socket.connector });
    assert.equal(outcome.status, 'timeout');
    assert.equal(outcome.error?.code, 'TIMEOUT');
  });

  it('refuses the press when the spec was edited to point elsewhere than its lock', async () => {
    const req = request({ url: 'http://public.example/fine' });
    req.spec.url = 'http://other.example/fine';
    const p = ports();
    const outcome = runHttp(req, { resolver: p.resolver, connector: p.socket.connector });
    await assert.rejects(outcome, { code: 'SSRF_BLOCKED' });
    assert.deepEqual(p.dns.asked, []);
  });

  it('reports a refused connection as HTTP_ERROR naming the host only', async () => {
    const outcome = await runHttp(
      request(
        { url: 'http://127.0.0.1:1/x?token={{t}}', allowPrivateNetworks: true },
        [{ name: 't', type: 'secret', required: true }],
        { t: 'hunter2' },
      ),
    );
    assert.equal(outcome.error?.code, 'HTTP_ERROR');
    assert.equal(outcome.error?.message, 'request to 127.0.0.1:1 failed: the connection was refused');
  });
});
