// Pins the SSRF guard: every blocked range in every spelling is refused before any connection is made,
// a name is resolved once and refused if any answer is blocked, and the socket goes to the vetted address.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ButtonsError } from '../../src/core/errors.ts';
import { guardedRequest } from '../../src/net/guarded-request.ts';
import { readBounded } from '../../src/net/read-body.ts';
import { vetHost } from '../../src/net/ssrf-guard.ts';
import { fakeResolver, recordingConnector, serve } from './fakes.ts';

const NAMES = {
  localhost: ['127.0.0.1'],
  'localhost.': ['127.0.0.1'],
  'metadata.internal': ['169.254.169.254'],
  'mixed.example': ['93.184.216.34', '10.0.0.1'],
  'mixed6.example': ['2606:4700:4700::1111', 'fd00::1'],
  'scoped.example': ['fe80::1%eth0'],
  'mapped.example': ['::ffff:192.168.0.1'],
  'weird.example': ['0x7f.1'],
  'nothing.example': [],
};

const BLOCKED: readonly string[] = [
  // IPv4 loopback in every spelling
  'http://127.0.0.1/',
  'http://127.1/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0x7f.1/',
  'http://0177.0.0.1/',
  'http://0177.1/',
  'http://017700000001/',
  'http://127.0.0.1./',
  'http://127.255.255.254:8080/',
  'http://127%2E0%2E0%2E1/',
  'http://127。0。0。1/',
  // unspecified
  'http://0/',
  'http://0.0.0.0/',
  'http://0x0/',
  // private, in decimal, octal and hex
  'http://10.0.0.1/',
  'http://012.0.0.1/',
  'http://167772161/',
  'http://172.16.0.1/',
  'http://172.31.255.255/',
  'http://192.168.1.1/',
  'http://0xc0.0xa8.1.1/',
  'http://0300.0250.1.1/',
  // link-local (cloud metadata)
  'http://169.254.169.254/',
  'http://2852039166/',
  'http://0xa9fea9fe/',
  'http://0251.0376.0251.0376/',
  // CGNAT, multicast, reserved, broadcast, documentation, benchmarking, protocol assignments
  'http://100.64.0.1/',
  'http://100.127.255.254/',
  'http://224.0.0.1/',
  'http://239.255.255.250/',
  'http://240.0.0.1/',
  'http://255.255.255.255/',
  'http://192.0.2.1/',
  'http://198.51.100.7/',
  'http://203.0.113.9/',
  'http://198.18.0.1/',
  'http://198.19.255.1/',
  'http://192.0.0.8/',
  // IPv6 loopback, unspecified, link-local, unique local, multicast, site-local, discard, documentation
  'http://[::1]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://[::]/',
  'http://[fe80::1]/',
  'http://[fc00::1]/',
  'http://[fd12:3456::1]/',
  'http://[ff02::1]/',
  'http://[fec0::1]/',
  'http://[100::1]/',
  'http://[2001:db8::1]/',
  // IPv4-mapped, IPv4-translated, IPv4-compatible
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::ffff:10.0.0.1]/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:0:7f00:1]/',
  'http://[::127.0.0.1]/',
  'http://[::a00:1]/',
  // NAT64 (well-known and local-use), 6to4, Teredo
  'http://[64:ff9b::a00:1]/',
  'http://[64:ff9b::127.0.0.1]/',
  'http://[64:ff9b:1::1]/',
  'http://[2002:a9fe:a9fe::]/',
  'http://[2002:7f00:1::1]/',
  'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
  // names that resolve to blocked addresses
  'http://localhost/',
  'http://LOCALHOST./',
  'http://metadata.internal/',
  'http://mixed.example/',
  'http://mixed6.example/',
  'http://scoped.example/',
  'http://mapped.example/',
  'http://weird.example/',
];

const IP_LITERAL = /^http:\/\/(\[|[0-9]|0x)/i;

describe('blocked targets are refused before any connection', () => {
  it(`has at least 40 targets (${BLOCKED.length})`, () => assert.ok(BLOCKED.length >= 40));

  for (const target of BLOCKED) {
    it(target, async () => {
      const fake = fakeResolver(NAMES);
      const socket = recordingConnector();
      await assert.rejects(
        guardedRequest(
          target,
          {},
          { allowPrivate: false, resolver: fake.resolver, connector: socket.connector },
        ),
        (error: unknown) => error instanceof ButtonsError && error.code === 'SSRF_BLOCKED',
      );
      assert.deepEqual(socket.asked, [], 'no connection may be attempted');
      // An IP literal is judged without asking DNS at all; a name is asked exactly once.
      assert.equal(fake.asked.length, IP_LITERAL.test(target) ? 0 : 1);
    });
  }
});

describe('public addresses pass the guard (vetting only, nothing is contacted)', () => {
  const PUBLIC: readonly [string, string][] = [
    ['8.8.8.8', '8.8.8.8'],
    ['1.1.1.1', '1.1.1.1'],
    ['134744072', '8.8.8.8'],
    ['0x5db8d822', '93.184.216.34'],
    ['151.101.1.69', '151.101.1.69'],
    ['[2606:4700:4700::1111]', '2606:4700:4700::1111'],
    ['2001:4860:4860::8888', '2001:4860:4860::8888'],
    ['[::ffff:8.8.8.8]', '::ffff:808:808'],
    ['[64:ff9b::808:808]', '64:ff9b::808:808'],
    ['[2002:808:808::1]', '2002:808:808::1'],
    ['example.com', '93.184.216.34'],
  ];
  for (const [host, address] of PUBLIC) {
    it(host, async () => {
      const fake = fakeResolver({
        'example.com': ['93.184.216.34', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
      });
      const vetted = await vetHost(host, { allowPrivate: false, resolver: fake.resolver });
      assert.equal(vetted.address, address);
    });
  }
});

describe('resolution', () => {
  it('refuses a name when any one of its addresses is blocked, naming it', async () => {
    const fake = fakeResolver(NAMES);
    await assert.rejects(vetHost('mixed.example', { allowPrivate: false, resolver: fake.resolver }), {
      code: 'SSRF_BLOCKED',
      message:
        'refused to connect to 10.0.0.1 (mixed.example resolves to 10.0.0.1): private addresses are blocked',
    });
  });

  it('reports a name that does not resolve as HTTP_ERROR', async () => {
    const fake = fakeResolver(NAMES);
    await assert.rejects(vetHost('missing.example', { allowPrivate: false, resolver: fake.resolver }), {
      code: 'HTTP_ERROR',
      message: 'cannot resolve host missing.example (ENOTFOUND)',
    });
    await assert.rejects(vetHost('nothing.example', { allowPrivate: false, resolver: fake.resolver }), {
      code: 'HTTP_ERROR',
    });
  });

  it('refuses IPv6 zone ids given as a host', async () => {
    for (const host of ['fe80::1%eth0', '[fe80::1%25eth0]', '::1%lo'])
      await assert.rejects(vetHost(host, { allowPrivate: true }), { code: 'SSRF_BLOCKED' });
  });

  it('lets private addresses through only when allowed, and never unspecified or multicast', async () => {
    const fake = fakeResolver(NAMES);
    const vetted = await vetHost('localhost', { allowPrivate: true, resolver: fake.resolver });
    assert.equal(vetted.address, '127.0.0.1');
    for (const host of ['0.0.0.0', '0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255'])
      await assert.rejects(vetHost(host, { allowPrivate: true }), { code: 'SSRF_BLOCKED' }, host);
  });
});

describe('the connection goes only to the vetted address', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    server = await serve((req, res) => res.end(`served ${req.headers.host}`));
  });
  after(() => server.server.close());

  it('a resolver answering public, then private on the next query: connects to the public one', async () => {
    const fake = fakeResolver({ 'rebind.example': (nth) => (nth === 1 ? ['93.184.216.34'] : ['127.0.0.1']) });
    const socket = recordingConnector(server.port);
    const response = await guardedRequest(
      'http://rebind.example/',
      {},
      { allowPrivate: false, resolver: fake.resolver, connector: socket.connector },
    );
    const body = await readBounded(response.body, 1000);
    await response.close();
    assert.equal(response.status, 200);
    assert.equal(Buffer.from(body.bytes).toString(), 'served rebind.example');
    assert.deepEqual(fake.asked, ['rebind.example']);
    assert.deepEqual(socket.asked, ['93.184.216.34']);
    assert.equal(response.address, '93.184.216.34');
  });

  it('a redirect from a public host to a private address is refused without connecting to it', async () => {
    const redirecting = await serve((_req, res) => {
      res.writeHead(302, { location: 'http://10.0.0.1/admin' });
      res.end();
    });
    try {
      const fake = fakeResolver({ 'public.example': ['93.184.216.34'] });
      const socket = recordingConnector(redirecting.port);
      await assert.rejects(
        guardedRequest(
          'http://public.example/',
          {},
          {
            allowPrivate: false,
            resolver: fake.resolver,
            connector: socket.connector,
            followRedirects: 'any',
          },
        ),
        { code: 'SSRF_BLOCKED', message: 'refused to connect to 10.0.0.1: private addresses are blocked' },
      );
      assert.deepEqual(socket.asked, ['93.184.216.34']);
    } finally {
      redirecting.server.close();
    }
  });

  it('a redirect to a name that resolves privately is refused after one lookup', async () => {
    const redirecting = await serve((_req, res) => {
      res.writeHead(307, { location: 'http://internal.example/' });
      res.end();
    });
    try {
      const fake = fakeResolver({
        'public.example': ['93.184.216.34'],
        'internal.example': ['192.168.0.10'],
      });
      const socket = recordingConnector(redirecting.port);
      await assert.rejects(
        guardedRequest(
          'http://public.example/',
          {},
          {
            allowPrivate: false,
            resolver: fake.resolver,
            connector: socket.connector,
            followRedirects: 'any',
          },
        ),
        { code: 'SSRF_BLOCKED' },
      );
      assert.deepEqual(fake.asked, ['public.example', 'internal.example']);
      assert.deepEqual(socket.asked, ['93.184.216.34']);
    } finally {
      redirecting.server.close();
    }
  });
});
