// Pins what `create --url` stores: the locked host, method, headers, content type, size and policy,
// and that every placeholder names a declared arg.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArgDecl } from '../../src/core/arg-types.ts';
import { httpSpecFields } from '../../src/net/http-spec.ts';
import { parseSize } from '../../src/net/size.ts';

const ID: ArgDecl[] = [{ name: 'id', type: 'int', required: true }];

describe('httpSpecFields', () => {
  it('stores a GET locked to its host with the default redirect policy', () => {
    assert.deepEqual(httpSpecFields({ url: 'https://api.test/items/{{id}}', header: [] }, ID), {
      url: 'https://api.test/items/{{id}}',
      method: 'GET',
      headers: undefined,
      body: undefined,
      max_response_bytes: undefined,
      allow_private_networks: undefined,
      allowed_host: 'api.test',
      follow_redirects: 'same-host',
    });
  });

  it('makes a body a POST and gives it a content type', () => {
    const fields = httpSpecFields({ url: 'https://api.test/', header: [], body: '{"id": {{id}}}' }, ID);
    assert.equal(fields.method, 'POST');
    assert.deepEqual(fields.headers, { 'Content-Type': 'application/json' });
  });

  it('keeps a given content type, and refuses a templated one', () => {
    const fields = httpSpecFields(
      { url: 'https://api.test/', header: ['content-type: text/plain'], body: 'id={{id}}', method: 'put' },
      ID,
    );
    assert.deepEqual(fields.headers, { 'content-type': 'text/plain' });
    assert.equal(fields.method, 'PUT');
    assert.throws(
      () => httpSpecFields({ url: 'https://api.test/', header: ['Content-Type: {{id}}'], body: 'x' }, ID),
      /Content-Type may not hold placeholders/,
    );
  });

  it('refuses placeholders naming undeclared args in the URL, a header or the body', () => {
    for (const flags of [
      { url: 'https://api.test/{{other}}', header: [] },
      { url: 'https://api.test/', header: ['X-A: {{other}}'] },
      { url: 'https://api.test/', header: [], body: '{"a": {{other}}}' },
    ])
      assert.throws(() => httpSpecFields(flags, ID), { message: /\{\{other\}\} names no declared arg/ });
  });

  it('refuses repeated headers, unknown methods and bad policies', () => {
    assert.throws(
      () => httpSpecFields({ url: 'https://api.test/', header: ['A: 1', 'a: 2'] }, []),
      /more than once/,
    );
    assert.throws(
      () => httpSpecFields({ url: 'https://api.test/', header: [], method: 'CONNECT' }, []),
      /--method/,
    );
    assert.throws(
      () => httpSpecFields({ url: 'https://api.test/', header: [], method: 'TRACE' }, []),
      /--method/,
    );
    assert.throws(
      () => httpSpecFields({ url: 'https://api.test/', header: [], followRedirects: 'all' }, []),
      /none, same-host or any/,
    );
  });

  it('records the escape hatch only when asked for', () => {
    const fields = httpSpecFields({ url: 'http://10.0.0.5/', header: [], allowPrivateNetworks: true }, []);
    assert.equal(fields.allow_private_networks, true);
    assert.equal(fields.allowed_host, '10.0.0.5');
  });
});

describe('parseSize', () => {
  const cases: [string, number][] = [
    ['1048576', 1048576],
    ['10MiB', 10 * 1024 * 1024],
    ['512KB', 512_000],
    ['512kib', 524_288],
    ['1.5MB', 1_500_000],
    ['1GiB', 1024 ** 3],
    ['7 B', 7],
  ];
  for (const [raw, bytes] of cases) it(raw, () => assert.equal(parseSize('--max-response-size', raw), bytes));
  it('refuses zero, negatives, unknown units and more than 1GiB', () => {
    for (const raw of ['0', '-1', '10 parsecs', '2GiB', '', 'MiB', '1e9'])
      assert.throws(() => parseSize('--max-response-size', raw), { code: 'VALIDATION_ERROR' }, raw);
  });
});
