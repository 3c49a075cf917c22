// Pins network grants: only listed hosts and ports, one spelling per address, SSRF guard under wildcards, each redirect hop checked.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Resolver } from '../../src/net/resolver.ts';
import { checks, runIn, type TempDir, tempDir } from './helpers.ts';

interface Loopback {
  port: number;
  connections: number;
  server: Server;
}

type Answer = { status: number; headers?: Record<string, string>; body: string };

function loopback(handler: (path: string) => Answer): Promise<Loopback> {
  const state = { port: 0, connections: 0, server: undefined as unknown as Server };
  const server = createServer((req, res) => {
    const answer = handler(req.url ?? '/');
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
  server.on('connection', () => state.connections++);
  state.server = server;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      state.port = (server.address() as AddressInfo).port;
      resolve(state);
    }),
  );
}

/** A resolver that answers loopback for every name: a name that leads to a private address must be refused. */
const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

describe('network grants', () => {
  let tmp: TempDir;
  let srv: Loopback;
  let other: Loopback;
  before(async () => {
    tmp = tempDir();
    other = await loopback(() => ({ status: 200, body: 'OTHER' }));
    srv = await loopback(
      (path): Answer =>
        path === '/redirect-out'
          ? { status: 302, headers: { location: `http://127.0.0.1:${other.port}/` }, body: '' }
          : path === '/redirect-in'
            ? { status: 302, headers: { location: '/hello' }, body: '' }
            : {
                status: 200,
                headers: { 'content-type': 'text/plain', 'x-test': 'yes' },
                body: `hello from ${path}`,
              },
    );
  });
  after(() => {
    srv.server.close();
    other.server.close();
    tmp.cleanup();
  });

  const fetchProgram = (url: string) => `
    try { const r = await fetch(${JSON.stringify(url)}); console.log('OK', r.status, r.headers.get('x-test'), await r.text()); }
    catch (e) { console.log(e.name, e.capability ?? '', e.message); }`;

  it('fetches from a granted host and port', async () => {
    const before = srv.connections;
    const r = await runIn(tmp.dir, fetchProgram(`http://127.0.0.1:${srv.port}/hello`), {
      grants: [`--allow-net=127.0.0.1:${srv.port}`],
    });
    assert.equal(r.stdout, 'OK 200 yes hello from /hello\n');
    assert.equal(srv.connections, before + 1);
    assert.deepEqual(
      checks(r).map((c) => [c.cap, c.resource, c.decision]),
      [['net', `127.0.0.1:${srv.port}`, 'allow']],
    );
  });

  const denied: readonly [string, (port: number) => { grants: string[]; url: string }][] = [
    ['with no grant', (p) => ({ grants: [], url: `http://127.0.0.1:${p}/` })],
    [
      'an unlisted host',
      (p) => ({ grants: ['--allow-net=api.example.test'], url: `http://127.0.0.1:${p}/` }),
    ],
    [
      'another port of a granted host',
      (p) => ({ grants: [`--allow-net=127.0.0.1:${p + 1}`], url: `http://127.0.0.1:${p}/` }),
    ],
    [
      '2130706433 for a granted name',
      (p) => ({ grants: ['--allow-net=localhost'], url: `http://2130706433:${p}/` }),
    ],
    ['0x7f.1 for a granted name', (p) => ({ grants: ['--allow-net=localhost'], url: `http://0x7f.1:${p}/` })],
    [
      '0177.0.0.1 for a granted name',
      (p) => ({ grants: ['--allow-net=localhost'], url: `http://0177.0.0.1:${p}/` }),
    ],
    ['127.1 for a granted name', (p) => ({ grants: ['--allow-net=localhost'], url: `http://127.1:${p}/` })],
    [
      '[::ffff:127.0.0.1] for a granted name',
      (p) => ({ grants: ['--allow-net=localhost'], url: `http://[::ffff:127.0.0.1]:${p}/` }),
    ],
    [
      'the apex under *.domain',
      (p) => ({ grants: ['--allow-net=*.example.test'], url: `http://example.test:${p}/` }),
    ],
    ['a private address under *', (p) => ({ grants: ['--allow-net=*'], url: `http://127.0.0.1:${p}/` })],
    [
      'a name resolving to a private address under *',
      (p) => ({ grants: ['--allow-net=*'], url: `http://internal.example.test:${p}/` }),
    ],
    [
      'a name resolving to a private address under *.domain',
      (p) => ({ grants: ['--allow-net=*.example.test'], url: `http://db.example.test:${p}/` }),
    ],
    [
      'a granted name resolving to a private address',
      (p) => ({ grants: ['--allow-net=api.example.test'], url: `http://api.example.test:${p}/` }),
    ],
    ['file: URLs', () => ({ grants: ['--allow-net=*'], url: 'file:///etc/passwd' })],
  ];
  for (const [name, make] of denied) {
    it(`denies ${name}, and makes no connection`, async () => {
      const { grants, url } = make(srv.port);
      const before = srv.connections;
      const r = await runIn(tmp.dir, fetchProgram(url), { grants, resolver: toLoopback });
      assert.match(r.stdout, /^(PermissionError net|TypeError)/, r.stdout);
      assert.doesNotMatch(r.stdout, /hello from/);
      assert.equal(srv.connections, before, 'no connection reached the server');
    });
  }

  it('matches hosts case-insensitively and ignores a trailing dot', async () => {
    const r = await runIn(tmp.dir, fetchProgram(`http://LOCALHOST.:${srv.port}/x`), {
      grants: ['--allow-net=LocalHost'],
      resolver: toLoopback,
    });
    assert.equal(r.stdout, 'OK 200 yes hello from /x\n');
  });

  it('checks every redirect hop against the grants', async () => {
    const before = other.connections;
    const out = await runIn(tmp.dir, fetchProgram(`http://127.0.0.1:${srv.port}/redirect-out`), {
      grants: [`--allow-net=127.0.0.1:${srv.port}`],
    });
    assert.match(out.stdout, /^PermissionError net .*127\.0\.0\.1:\d+/);
    assert.equal(other.connections, before);
    assert.deepEqual(
      checks(out).map((c) => c.decision),
      ['allow', 'deny'],
    );
    const inside = await runIn(tmp.dir, fetchProgram(`http://127.0.0.1:${srv.port}/redirect-in`), {
      grants: [`--allow-net=127.0.0.1:${srv.port}`],
    });
    assert.equal(inside.stdout, 'OK 200 yes hello from /hello\n');
  });

  it('bua_http_get needs the same grant', async () => {
    const code = `import { call } from 'bua:tools';
      try { await call('bua_http_get', { url: 'http://127.0.0.1:${srv.port}/t' }); } catch (e) { console.log(e.name); }`;
    const denied = await runIn(tmp.dir, code);
    assert.equal(denied.stdout, 'PermissionError\n');
    const ok = await runIn(
      tmp.dir,
      `import { call } from 'bua:tools'; console.log(JSON.stringify(await call('bua_http_get', { url: 'http://127.0.0.1:${srv.port}/t' })));`,
      {
        grants: [`--allow-net=127.0.0.1:${srv.port}`],
      },
    );
    assert.equal(ok.stdout, '{"status":200,"body":"hello from /t"}\n');
    assert.deepEqual(
      ok.trace.filter((t) => t.type.startsWith('tool')).map((t) => [t.type, t.name]),
      [
        ['tool_call', 'bua_http_get'],
        ['tool_result', 'bua_http_get'],
      ],
    );
  });
});
