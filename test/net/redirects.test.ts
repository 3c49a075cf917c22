// Pins redirect handling: policy (none | same-host | any), the host lock, no downgrade to http, fetch's
// method rewriting, credentials dropped off-origin, and a bound on the number of hops.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { guardedRequest } from '../../src/net/guarded-request.ts';
import { readBounded } from '../../src/net/read-body.ts';
import { nextHop, redirectedRequest } from '../../src/net/redirects.ts';
import { serve } from './fakes.ts';

const from = new URL('https://api.test/start');

describe('nextHop', () => {
  it('follows a same-host redirect, relative or absolute', () => {
    assert.equal(nextHop(from, '/next?x=1', 'same-host', 'api.test').href, 'https://api.test/next?x=1');
    assert.equal(nextHop(from, 'https://API.test:443/n', 'same-host', 'api.test').href, 'https://api.test/n');
  });
  it('refuses another host, another port, or a sub-domain under same-host', () => {
    for (const to of ['https://evil.test/', 'https://api.test:8443/', 'https://x.api.test/', '//evil.test/'])
      assert.throws(() => nextHop(from, to, 'same-host', 'api.test'), { code: 'SSRF_BLOCKED' }, to);
  });
  it('compares with the locked host, not the previous hop', () => {
    const elsewhere = new URL('https://cdn.test/a');
    assert.throws(() => nextHop(elsewhere, '/b', 'same-host', 'api.test'), { code: 'SSRF_BLOCKED' });
  });
  it('follows another host under any, but never to another scheme, a downgrade or credentials', () => {
    assert.equal(nextHop(from, 'https://cdn.test/a', 'any', 'api.test').host, 'cdn.test');
    for (const to of [
      'http://api.test/',
      'file:///etc/passwd',
      'gopher://api.test/',
      'https://u:p@cdn.test/',
    ])
      assert.throws(() => nextHop(from, to, 'any', 'api.test'), { code: 'SSRF_BLOCKED' }, to);
    assert.equal(
      nextHop(new URL('http://api.test/'), 'https://api.test/', 'same-host', 'api.test').protocol,
      'https:',
    );
  });
  it('follows nothing under none', () => {
    assert.throws(() => nextHop(from, '/next', 'none', 'api.test'), { code: 'SSRF_BLOCKED' });
  });
});

describe('redirectedRequest', () => {
  const post = {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: 'Bearer t',
      'X-Api-Key': 'k',
      Accept: '*/*',
    },
    body: '{}',
  };
  it('turns a POST into a GET without body on 303, 302 and 301; keeps it on 307 and 308', () => {
    for (const status of [301, 302, 303]) {
      const next = redirectedRequest(status, post, from, new URL('https://api.test/n'));
      assert.equal(next.method, 'GET');
      assert.equal(next.body, undefined);
      assert.equal(next.headers['Content-Type'], undefined);
    }
    for (const status of [307, 308])
      assert.deepEqual(redirectedRequest(status, post, from, new URL('https://api.test/n')), post);
  });
  it('drops credentials when the redirect leaves the origin', () => {
    const next = redirectedRequest(307, post, from, new URL('https://cdn.test/n'));
    assert.deepEqual(Object.keys(next.headers), ['Content-Type', 'Accept']);
  });
});

describe('guardedRequest over real redirects on loopback', () => {
  let site: Awaited<ReturnType<typeof serve>>;
  const seen: { url: string; method: string; auth: string | undefined }[] = [];
  before(async () => {
    site = await serve((req, res) => {
      seen.push({ url: req.url ?? '', method: req.method ?? '', auth: req.headers.authorization });
      const loop = /^\/loop\/(\d+)$/.exec(req.url ?? '');
      if (loop) {
        res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` });
        res.end();
      } else if (req.url === '/see-other') {
        res.writeHead(303, { location: '/done' });
        res.end();
      } else {
        res.end(`at ${req.url}`);
      }
    });
  });
  after(() => site.server.close());
  const base = () => `http://127.0.0.1:${site.port}`;

  it('stops after 10 redirects', async () => {
    await assert.rejects(guardedRequest(`${base()}/loop/0`, {}, { allowPrivate: true }), {
      code: 'HTTP_ERROR',
      message: `more than 10 redirects, starting from 127.0.0.1:${site.port}`,
    });
  });

  it('follows a 303 after a POST as a GET, keeping credentials on the same origin', async () => {
    seen.length = 0;
    const response = await guardedRequest(
      `${base()}/see-other`,
      { method: 'POST', headers: { Authorization: 'Bearer t' }, body: 'x' },
      { allowPrivate: true },
    );
    const text = Buffer.from((await readBounded(response.body, 100)).bytes).toString();
    await response.close();
    assert.equal(text, 'at /done');
    assert.deepEqual(seen, [
      { url: '/see-other', method: 'POST', auth: 'Bearer t' },
      { url: '/done', method: 'GET', auth: 'Bearer t' },
    ]);
    assert.deepEqual(
      response.redirects.map((u) => u.pathname),
      ['/done'],
    );
  });

  it('hands back the redirect itself under none', async () => {
    const response = await guardedRequest(
      `${base()}/loop/0`,
      {},
      { allowPrivate: true, followRedirects: 'none' },
    );
    await response.close();
    assert.equal(response.status, 302);
    assert.equal(response.headers.location, '/loop/1');
  });

  it('runs the caller check on every hop, and a refusal there stops the chain', async () => {
    const checked: string[] = [];
    await assert.rejects(
      guardedRequest(
        `${base()}/loop/0`,
        {},
        {
          allowPrivate: true,
          checkHop: (url) => {
            checked.push(url.pathname);
            if (url.pathname === '/loop/2')
              throw Object.assign(new Error('not granted'), { code: 'PERMISSION_DENIED' });
          },
        },
      ),
      { code: 'PERMISSION_DENIED' },
    );
    assert.deepEqual(checked, ['/loop/0', '/loop/1', '/loop/2']);
  });

  it('refuses a first request off its host lock', async () => {
    await assert.rejects(guardedRequest(`${base()}/x`, {}, { allowPrivate: true, lockedHost: 'api.test' }), {
      code: 'SSRF_BLOCKED',
    });
  });

  it('reports a server that sends no headers in time as HTTP_ERROR', async () => {
    const silent = await serve(() => undefined);
    try {
      await assert.rejects(
        guardedRequest(`http://127.0.0.1:${silent.port}/`, {}, { allowPrivate: true, readTimeoutMs: 100 }),
        {
          code: 'HTTP_ERROR',
          message: `request to 127.0.0.1:${silent.port} failed: no response headers arrived in time`,
        },
      );
    } finally {
      silent.server.closeAllConnections();
      silent.server.close();
    }
  });
});

describe('guardedFetch', () => {
  it('reads a whole answer as plain data, flagging a body over the bound', async () => {
    const { guardedFetch } = await import('../../src/net/guarded-fetch.ts');
    const site = await serve((_req, res) => res.end('0123456789'));
    try {
      const url = `http://127.0.0.1:${site.port}/`;
      const whole = await guardedFetch(url, {}, { allowPrivate: true, maxBytes: 100 });
      assert.equal(Buffer.from(whole.body).toString(), '0123456789');
      assert.equal(whole.over, false);
      assert.equal(whole.url, url);
      const cut = await guardedFetch(url, {}, { allowPrivate: true, maxBytes: 4 });
      assert.equal(Buffer.from(cut.body).toString(), '0123');
      assert.equal(cut.over, true);
      structuredClone(cut);
    } finally {
      site.server.close();
    }
  });
});
