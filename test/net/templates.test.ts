// Pins template rendering by position: each value is encoded for where it sits (path, query, fragment,
// JSON string, JSON value, form, header), rendered in one pass, and refused where no encoding is safe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArgDecl } from '../../src/core/arg-types.ts';
import { bodyKindOf, checkBodyTemplate, guessContentType, renderBody } from '../../src/net/template-body.ts';
import { parseHeaderFlag, renderHeaders } from '../../src/net/template-headers.ts';
import { lockUrlTemplate, renderUrl } from '../../src/net/template-url.ts';

const DECLS: ArgDecl[] = [
  { name: 's', type: 'string', required: false },
  { name: 't', type: 'string', required: false },
  { name: 'n', type: 'int', required: false },
  { name: 'b', type: 'bool', required: false },
  { name: 'e', type: 'enum', required: false, values: ['x', 'y'] },
  { name: 'k', type: 'secret', required: false },
];

const url = (template: string, values: Record<string, string>) =>
  renderUrl(template, { decls: DECLS, values }, lockUrlTemplate(template)).href;

describe('URL templates', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['https://api.test/u/{{s}}', { s: 'a/b' }, 'https://api.test/u/a%2Fb'],
    ['https://api.test/u/{{s}}', { s: '../admin' }, 'https://api.test/u/..%2Fadmin'],
    ['https://api.test/u/{{s}}', { s: 'a?b#c' }, 'https://api.test/u/a%3Fb%23c'],
    ['https://api.test/u/{{s}}', { s: 'a\\b' }, 'https://api.test/u/a%5Cb'],
    ['https://api.test/u/{{s}}.json', { s: '.' }, 'https://api.test/u/..json'],
    ['https://api.test/u?q={{s}}', { s: 'a&admin=1' }, 'https://api.test/u?q=a%26admin%3D1'],
    ['https://api.test/u?q={{s}}', { s: 'a b+c' }, 'https://api.test/u?q=a%20b%2Bc'],
    ['https://api.test/u?q={{s}}', { s: '%41' }, 'https://api.test/u?q=%2541'],
    ['https://api.test/u#{{s}}', { s: 'x y#z' }, 'https://api.test/u#x%20y%23z'],
    ['https://api.test/u/{{s}}?q={{t}}', { s: '{{t}}', t: 'v' }, 'https://api.test/u/%7B%7Bt%7D%7D?q=v'],
    ['https://api.test/u/{{s}}', { s: 'ü€' }, 'https://api.test/u/%C3%BC%E2%82%AC'],
    ['https://api.test/u/{{s}}', { s: '@evil.test' }, 'https://api.test/u/%40evil.test'],
    ['https://api.test/x?a={{s}}', {}, 'https://api.test/x?a='],
    ['https://api.test:8443/{{n}}', { n: '7' }, 'https://api.test:8443/7'],
  ];
  for (const [template, values, expected] of cases) {
    it(`${template} ${JSON.stringify(values)}`, () => assert.equal(url(template, values), expected));
  }

  it('refuses values that would make a path segment empty, "." or ".."', () => {
    for (const s of ['', '.', '..'])
      assert.throws(() => url('https://api.test/u/{{s}}/v', { s }), {
        code: 'VALIDATION_ERROR',
        message: 'arg "s" may not make a URL path segment empty, "." or ".."',
      });
    assert.throws(() => url('https://api.test/u/{{s}}{{t}}', { s: '.', t: '.' }), {
      code: 'VALIDATION_ERROR',
    });
    assert.equal(url('https://api.test/u/{{s}}{{t}}', { s: '.', t: '..' }), 'https://api.test/u/...');
  });

  it('refuses lone surrogates, which have no encoding', () => {
    assert.throws(() => url('https://api.test/{{s}}', { s: '\ud800' }), {
      message: 'arg "s" is not well-formed Unicode',
    });
  });

  it('locks scheme and host, normalising every spelling of the host', () => {
    assert.deepEqual(lockUrlTemplate('http://0x7f.1/x/{{s}}'), { protocol: 'http:', host: '127.0.0.1' });
    assert.deepEqual(lockUrlTemplate('https://Example.COM:443/'), {
      protocol: 'https:',
      host: 'example.com',
    });
    assert.deepEqual(lockUrlTemplate('https://[::FFFF:127.0.0.1]:8080'), {
      protocol: 'https:',
      host: '[::ffff:7f00:1]:8080',
    });
    for (const bad of [
      'http://{{s}}.test/',
      'http://a.test:{{n}}/',
      'http{{s}}://a.test/',
      'http://a@b.test/',
      'http://a.test{{s}}/',
    ])
      assert.throws(() => lockUrlTemplate(bad), { code: 'VALIDATION_ERROR' }, bad);
  });

  it('refuses a URL whose rendered origin is not the locked one', () => {
    assert.throws(
      () =>
        renderUrl('https://a.test/', { decls: DECLS, values: {} }, { protocol: 'https:', host: 'b.test' }),
      {
        code: 'SSRF_BLOCKED',
      },
    );
  });
});

const body = (template: string, values: Record<string, string>, type = 'application/json') =>
  renderBody(template, bodyKindOf(type), { decls: DECLS, values });

describe('JSON body templates', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['{"a": "{{s}}"}', { s: 'say "hi"\n\\' }, '{"a": "say \\"hi\\"\\n\\\\"}'],
    ['{"a": "{{s}}"}', { s: '", "admin": true, "x": "' }, '{"a": "\\", \\"admin\\": true, \\"x\\": \\""}'],
    ['{"a": {{s}}}', { s: '1, "admin": true' }, '{"a": "1, \\"admin\\": true"}'],
    [
      '{"a": {{n}}, "b": {{b}}, "e": {{e}}}',
      { n: '-12', b: 'false', e: 'y' },
      '{"a": -12, "b": false, "e": "y"}',
    ],
    ['{"a": {{n}}, "b": "{{n}}"}', {}, '{"a": null, "b": ""}'],
    ['{"{{s}}": 1}', { s: 'k"ey' }, '{"k\\"ey": 1}'],
    ['["\\\\", "{{s}}"]', { s: 'x' }, '["\\\\", "x"]'],
    ['{"a": "{{s}}", "b": "{{t}}"}', { s: '{{t}}', t: 'T' }, '{"a": "{{t}}", "b": "T"}'],
    ['{"k": {{k}}}', { k: 'tok"en' }, '{"k": "tok\\"en"}'],
  ];
  for (const [template, values, expected] of cases) {
    it(`${template} ${JSON.stringify(values)}`, () => {
      const out = body(template, values);
      assert.equal(out, expected);
      JSON.parse(out);
    });
  }

  it('refuses at create a body that is not JSON whatever the values, or a placeholder after a backslash', () => {
    for (const bad of ['{"a": {{s}}', '{ {{s}}: 1 }', '{"a": {{s}}{{t}}}', '{"a": "\\{{s}}"}'])
      assert.throws(() => checkBodyTemplate(bad, 'json'), { code: 'VALIDATION_ERROR' }, bad);
    checkBodyTemplate('{"a": {{s}}, "b": ["{{t}}", {{n}}]}', 'json');
  });
});

describe('form, text and other bodies', () => {
  it('form-encodes every value', () => {
    assert.equal(
      body('a={{s}}&b={{t}}', { s: 'x&admin=1', t: 'a b+c' }, 'application/x-www-form-urlencoded'),
      'a=x%26admin%3D1&b=a+b%2Bc',
    );
  });
  it('puts plain-text values in as they are', () => {
    assert.equal(body('hello {{s}}!', { s: '<b>' }, 'text/plain'), 'hello <b>!');
  });
  it('refuses placeholders in a format it cannot encode', () => {
    assert.throws(() => checkBodyTemplate('<a>{{s}}</a>', bodyKindOf('application/xml')), {
      code: 'VALIDATION_ERROR',
    });
    checkBodyTemplate('<a>fixed</a>', bodyKindOf('application/xml'));
  });
  it('guesses the content type of a body given without one', () => {
    assert.equal(guessContentType(' {"a": 1}'), 'application/json');
    assert.equal(guessContentType('a={{s}}&b=2'), 'application/x-www-form-urlencoded');
    assert.equal(guessContentType('hello {{s}}'), 'text/plain; charset=utf-8');
    assert.equal(bodyKindOf('application/vnd.api+json; charset=utf-8'), 'json');
  });
});

describe('header templates', () => {
  const headers = (template: string, values: Record<string, string>) =>
    renderHeaders({ 'X-Test': template }, { decls: DECLS, values })['X-Test'];

  it('puts values into header values as they are', () => {
    assert.equal(headers('Bearer {{k}}', { k: 'abc.def' }), 'Bearer abc.def');
    assert.equal(headers('{{s}}', {}), '');
  });
  it('refuses CR, LF, NUL and other control characters in a value', () => {
    for (const s of ['1\r\nX-Evil: 1', 'a\nb', 'a\rb', 'a\u0000b', 'a\u0007b', 'a\u007fb', 'snow☃'])
      assert.throws(() => headers('v={{s}}', { s }), { code: 'VALIDATION_ERROR' }, JSON.stringify(s));
    assert.equal(headers('{{s}}', { s: 'tab\there' }), 'tab\there');
  });
  it('parses --header flags and refuses bad names and headers the client owns', () => {
    assert.deepEqual(parseHeaderFlag('X-Api-Key:  {{k}} '), ['X-Api-Key', '{{k}}']);
    for (const bad of [
      'NoColon',
      ': v',
      'Bad Name: v',
      'Host: evil.test',
      'Content-Length: 5',
      'Transfer-Encoding: chunked',
      'X: a\rb',
    ])
      assert.throws(() => parseHeaderFlag(bad), { code: 'VALIDATION_ERROR' }, bad);
  });
});
