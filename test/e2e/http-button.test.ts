// Pins HTTP buttons end to end through the built CLI against real servers on 127.0.0.1 and 127.0.0.2:
// the guard, redirect policy and host lock, response bounds, error records, header injection, dry-run redaction.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CliResult, cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';

interface Site {
  server: Server;
  port: number;
  hits: IncomingMessage[];
}

async function site(
  host: string,
  route: (url: string, port: () => number) => [number, Record<string, string>, string],
) {
  const hits: IncomingMessage[] = [];
  const s: Site = { server: createServer(), port: 0, hits };
  s.server.on('request', (req, res) => {
    hits.push(req);
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const [status, headers, text] = route(req.url ?? '/', () => s.port);
      res.writeHead(status, headers);
      res.end(text.replace('{body}', body));
    });
  });
  await new Promise<void>((resolve) => s.server.listen(0, host, resolve));
  s.port = (s.server.address() as AddressInfo).port;
  return s;
}

/** Presses without blocking this process: the servers answer from this event loop. */
async function press(sb: Sandbox, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return cliAsync(sb, ['press', ...args, '--json'], { env }).done;
}

function created(r: CliResult): void {
  assert.equal(r.code, 0, r.stdout + r.stderr);
}

describe('HTTP buttons against loopback servers', () => {
  let sb: Sandbox;
  let a: Site;
  let b: Site;
  before(async () => {
    sb = makeSandbox();
    b = await site('127.0.0.2', (url) => [200, { 'content-type': 'text/plain' }, `landed on b ${url}`]);
    a = await site('127.0.0.1', (url) => {
      if (url === '/to-b') return [302, { location: `http://127.0.0.2:${b.port}/landing` }, ''];
      if (url === '/to-private') return [302, { location: 'http://10.0.0.1/' }, ''];
      if (url === '/big') return [200, { 'content-type': 'text/plain' }, 'x'.repeat(4096)];
      if (url === '/big-chunked') return [200, { 'transfer-encoding': 'chunked' }, 'y'.repeat(4096)];
      if (url === '/missing') return [404, { 'content-type': 'text/plain' }, 'no such thing here'];
      if (url.startsWith('/echo'))
        return [200, { 'content-type': 'application/json' }, `{"url":${JSON.stringify(url)},"body":{body}}`];
      return [200, { 'content-type': 'text/plain' }, 'hello from a'];
    });
    const base = `http://127.0.0.1:${a.port}`;
    const flag = '--allow-private-networks';
    created(cli(sb, ['create', 'same-host', '--url', `${base}/to-b`, flag]));
    created(cli(sb, ['create', 'any-host', '--url', `${base}/to-b`, flag, '--follow-redirects', 'any']));
    created(cli(sb, ['create', 'unflagged', '--url', `${base}/to-b`]));
    created(cli(sb, ['create', 'big', '--url', `${base}/big`, flag, '--max-response-size', '1KiB']));
    created(
      cli(sb, ['create', 'big-chunked', '--url', `${base}/big-chunked`, flag, '--max-response-size', '1KiB']),
    );
    created(cli(sb, ['create', 'missing', '--url', `${base}/missing`, flag]));
    created(
      cli(sb, [
        'create',
        'echo',
        '--url',
        `${base}/echo/{{id}}?q={{q}}`,
        flag,
        '--arg',
        'id:string:required',
        '--arg',
        'q:string:optional',
        '--arg',
        'n:int:optional',
        '--body',
        '{"id": "{{id}}", "n": {{n}}}',
      ]),
    );
    created(
      cli(sb, [
        'create',
        'traced',
        '--url',
        `${base}/echo`,
        flag,
        '--arg',
        'trace:string:required',
        '--header',
        'X-Trace: {{trace}}',
      ]),
    );
    created(
      cli(sb, [
        'create',
        'login',
        '--url',
        `${base}/echo/{{token}}?key={{token}}`,
        flag,
        '--arg',
        'token:secret:required',
        '--header',
        'X-Custom: t={{token}}',
        '--body',
        '{"token": {{token}}}',
      ]),
    );
  });
  after(() => {
    a.server.close();
    b.server.close();
    sb.cleanup();
  });

  it('refuses a redirect to another host under same-host, before contacting it', async () => {
    const r = await press(sb, ['same-host']);
    assert.equal(r.code, 15);
    assert.equal(r.json.error.code, 'SSRF_BLOCKED');
    assert.match(
      r.json.error.message,
      /redirect to 127\.0\.0\.2:\d+ refused: this button is locked to 127\.0\.0\.1:\d+/,
    );
    assert.equal(b.hits.length, 0);
  });

  it('follows the same redirect under any', async () => {
    const r = await press(sb, ['any-host']);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.json.data.stdout, 'landed on b /landing');
    assert.equal(r.json.data.http_status_code, 200);
    assert.equal(b.hits.length, 1);
  });

  it('refuses a loopback target without the flag, without connecting; the env escape hatch lifts it', async () => {
    const before = a.hits.length;
    const r = await press(sb, ['unflagged']);
    assert.equal(r.json.error.code, 'SSRF_BLOCKED');
    assert.equal(r.json.error.message, 'refused to connect to 127.0.0.1: loopback addresses are blocked');
    assert.equal(r.json.data.status, 'error');
    assert.equal(a.hits.length, before);
    const lifted = await press(sb, ['unflagged'], { BUTTONS_ALLOW_PRIVATE_NETWORKS: '1' });
    assert.equal(lifted.json.error.code, 'SSRF_BLOCKED', 'the redirect to another host is still refused');
    assert.equal(a.hits.length, before + 1);
    const notOne = await press(sb, ['unflagged'], { BUTTONS_ALLOW_PRIVATE_NETWORKS: 'true' });
    assert.equal(
      notOne.json.error.message,
      'refused to connect to 127.0.0.1: loopback addresses are blocked',
    );
  });

  it('gives RESPONSE_TOO_LARGE over max_response_bytes, announced or chunked', async () => {
    for (const name of ['big', 'big-chunked']) {
      const r = await press(sb, [name]);
      assert.equal(r.code, 14, name);
      assert.equal(r.json.error.code, 'RESPONSE_TOO_LARGE');
      assert.equal(r.json.error.message, 'the response body is larger than max_response_bytes (1024 bytes)');
      assert.equal(r.json.data.http_status_code, 200);
    }
  });

  it('gives HTTP_ERROR for a 404 and keeps status and body in the record', async () => {
    const r = await press(sb, ['missing']);
    assert.equal(r.code, 13);
    assert.equal(r.json.error.code, 'HTTP_ERROR');
    assert.match(r.json.error.message, /answered HTTP 404/);
    const record = JSON.parse(
      readFileSync(join(sb.data, 'buttons', 'missing', 'pressed', `${r.json.data.run_id}.json`), 'utf8'),
    );
    assert.equal(record.http_status_code, 404);
    assert.equal(record.stdout, 'no such thing here');
    assert.equal(record.error_type, 'HTTP_ERROR');
  });

  it('encodes args by position and parses a JSON answer into output', async () => {
    const r = await press(sb, ['echo', '--arg', 'id=a/../b?c#d', '--arg', 'q=x&admin=1', '--arg', 'n=42']);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(r.json.data.output, {
      url: '/echo/a%2F..%2Fb%3Fc%23d?q=x%26admin%3D1',
      body: { id: 'a/../b?c#d', n: 42 },
    });
  });

  it('refuses a header value carrying CR/LF before sending anything', async () => {
    const before = a.hits.length;
    const r = await press(sb, ['traced', '--arg', 'trace=1\r\nX-Evil: 1']);
    assert.equal(r.code, 3);
    assert.equal(r.json.error.code, 'VALIDATION_ERROR');
    assert.equal(
      r.json.error.message,
      'arg "trace" may not contain CR or LF: it goes into the X-Trace header',
    );
    assert.equal(a.hits.length, before);
    const ok = await press(sb, ['traced', '--arg', 'trace=abc']);
    assert.equal(ok.code, 0);
    assert.equal(a.hits.at(-1)?.headers['x-trace'], 'abc');
    assert.equal(a.hits.at(-1)?.headers['x-evil'], undefined);
  });

  it('shows the rendered request in a dry run with the secret hidden in every encoding', async () => {
    const secret = 'p@ss w/rd"&x';
    const r = await press(sb, ['login', '--arg', `token=${secret}`, '--dry-run']);
    assert.equal(r.code, 0, r.stdout);
    const plan = r.json.data.plan;
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), 'w/rd'])
      assert.ok(!r.stdout.includes(form), `dry run leaks ${form}`);
    assert.equal(plan.url, `http://127.0.0.1:${a.port}/echo/[REDACTED]?key=[REDACTED]`);
    assert.equal(plan.headers['X-Custom'], 't=[REDACTED]');
    assert.equal(plan.body, '{"token": "[REDACTED]"}');
    assert.equal(r.json.data.args.token, '[REDACTED]');
    assert.equal(a.hits.filter((h) => h.url?.startsWith('/echo/p')).length, 0, 'a dry run sends nothing');
  });

  it('keeps a secret echoed back by the server out of the record, in every encoding', async () => {
    const secret = 'p@ss w/rd"&x';
    const r = await press(sb, ['login', '--arg', `token=${secret}`]);
    assert.equal(r.code, 0, r.stdout);
    const file = join(sb.data, 'buttons', 'login', 'pressed', `${r.json.data.run_id}.json`);
    const saved = readFileSync(file, 'utf8');
    for (const text of [r.stdout, saved])
      for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), 'w/rd'])
        assert.ok(!text.includes(form), `the record leaks ${form}`);
    assert.deepEqual(r.json.data.output, {
      url: '/echo/[REDACTED]?key=[REDACTED]',
      body: { token: '[REDACTED]' },
    });
  });
});

describe('create refuses HTTP buttons that could be retargeted', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
  });
  after(() => sb.cleanup());

  const refusals: [string[], RegExp][] = [
    [
      ['--url', 'http://{{host}}/x', '--arg', 'host:string:required'],
      /not allowed in the scheme, host or port/,
    ],
    [
      ['--url', 'http://example.com:{{port}}/', '--arg', 'port:int:required'],
      /not allowed in the scheme, host or port/,
    ],
    [['--url', 'http://user:pw@example.com/'], /user name or password/],
    [['--url', 'ftp://example.com/'], /must use http or https/],
    [['--url', 'file:///etc/passwd'], /must use http or https, not file/],
    [['--url', 'javascript:alert(1)'], /must start with http:\/\/ or https:\/\//],
    [['--url', 'https://example.com/{{nope}}'], /placeholder \{\{nope\}\} names no declared arg/],
    [['--url', 'https://example.com/', '--header', 'Host: evil.example'], /set by buttons itself/],
    [['--url', 'https://example.com/', '--method', 'GET', '--body', 'x'], /cannot be sent with GET/],
    [
      ['--url', 'https://example.com/', '--body', '{"a": {{x}}', '--arg', 'x:string:required'],
      /not valid JSON/,
    ],
    [['--url', 'https://example.com/', '--max-response-size', '10 parsecs'], /expected a size/],
    [['--url', 'https://example.com/', '--follow-redirects', 'sometimes'], /none, same-host or any/],
  ];
  for (const [flags, message] of refusals) {
    it(flags.join(' '), () => {
      const r = cli(sb, ['create', 'bad', ...flags]);
      assert.equal(r.code, 3, r.stdout);
      assert.equal(r.json.error.code, 'VALIDATION_ERROR');
      assert.match(r.json.error.message, message);
    });
  }

  it('locks the normalised host and stores the policy, size and a masked token when shown', () => {
    const r = cli(sb, [
      'create',
      'ok',
      '--url',
      'HTTPS://0x7f.1:8443/v1/{{id}}',
      '--arg',
      'id:string:required',
      '--header',
      'Authorization: Bearer abc123',
      '--max-response-size',
      '512KB',
    ]);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.json.data.allowed_host, '127.0.0.1:8443');
    assert.equal(r.json.data.follow_redirects, 'same-host');
    assert.equal(r.json.data.max_response_bytes, 512_000);
    assert.equal(r.json.data.method, 'GET');
    assert.equal(r.json.data.headers.Authorization, 'Bearer ****');
  });
});
