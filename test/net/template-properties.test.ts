// Properties of rendering over arbitrary values: the URL parses with the locked origin and each value
// decodes back exactly from its position; the JSON body parses with each field equal to its value; the
// form body splits into exactly its fields; no value changes another placeholder's output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ArgDecl } from '../../src/core/arg-types.ts';
import { ButtonsError } from '../../src/core/errors.ts';
import { renderBody } from '../../src/net/template-body.ts';
import { renderHeaders } from '../../src/net/template-headers.ts';
import { lockUrlTemplate, renderUrl } from '../../src/net/template-url.ts';

const DECLS: ArgDecl[] = [
  { name: 's', type: 'string', required: true },
  { name: 't', type: 'string', required: true },
  { name: 'u', type: 'string', required: true },
  { name: 'n', type: 'int', required: true },
];

// Arbitrary text of every kind, plus the values most likely to break a position.
const value = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({
    unit: fc.constantFrom('/', '?', '#', '&', '=', '%', '.', '\\', '+', ' ', '{', '}', '"', 'a', '2', 'e'),
  }),
  fc.constantFrom('', '.', '..', '{{t}}', '{{ u }}', '%2e%2E', '\r\n', '\ud800', 'a\u2028b'),
);
const RUNS = { numRuns: 400 };

const refusedAs = (fn: () => unknown, code: string) =>
  assert.throws(fn, (e: unknown) => e instanceof ButtonsError && e.code === code);

const URL_TEMPLATE = 'https://api.test:8443/a/{{s}}/b?q={{t}}&z=1#{{u}}';
const LOCK = lockUrlTemplate(URL_TEMPLATE);

describe('URL rendering properties', () => {
  it('parses with the locked origin and gives back each value from its position', () => {
    fc.assert(
      fc.property(value, value, value, (s, t, u) => {
        const args = { decls: DECLS, values: { s, t, u } };
        const wellFormed = [s, t, u].every((v) => v.isWellFormed());
        if (!wellFormed || ['', '.', '..'].includes(s))
          return refusedAs(() => renderUrl(URL_TEMPLATE, args, LOCK), 'VALIDATION_ERROR');
        const url = renderUrl(URL_TEMPLATE, args, LOCK);
        assert.equal(url.origin, 'https://api.test:8443');
        const segments = url.pathname.split('/');
        assert.equal(segments.length, 4);
        assert.equal(decodeURIComponent(segments[2]!), s);
        const query = new URLSearchParams(url.search);
        assert.deepEqual([...query.keys()], ['q', 'z']);
        assert.equal(query.get('q'), t);
        assert.equal(decodeURIComponent(url.hash.slice(1)), u);
      }),
      RUNS,
    );
  });

  it('renders each position the same whatever the other values are', () => {
    fc.assert(
      fc.property(value, value, value, value, (s1, s2, t, u) => {
        const render = (s: string) => renderUrl(URL_TEMPLATE, { decls: DECLS, values: { s, t, u } }, LOCK);
        const ok = (v: string) => v.isWellFormed() && !['', '.', '..'].includes(v);
        fc.pre(ok(s1) && ok(s2) && t.isWellFormed() && u.isWellFormed());
        const [a, b] = [render(s1), render(s2)];
        assert.equal(a.search, b.search);
        assert.equal(a.hash, b.hash);
      }),
      RUNS,
    );
  });
});

const JSON_TEMPLATE = '{"in": "{{s}}", "out": {{t}}, "n": {{n}}, "mixed": "<{{u}}>", "fixed": "{{x}}"}';
const JSON_DECLS: ArgDecl[] = [...DECLS, { name: 'x', type: 'string', required: false }];

describe('JSON body properties', () => {
  it('parses, with every field equal to its value', () => {
    fc.assert(
      fc.property(value, value, value, fc.maxSafeInteger(), (s, t, u, n) => {
        const args = { decls: JSON_DECLS, values: { s, t, u, n: String(n) } };
        if (![s, t, u].every((v) => v.isWellFormed()))
          return refusedAs(() => renderBody(JSON_TEMPLATE, 'json', args), 'VALIDATION_ERROR');
        const parsed = JSON.parse(renderBody(JSON_TEMPLATE, 'json', args));
        assert.deepEqual(parsed, { in: s, out: t, n, mixed: `<${u}>`, fixed: '' });
      }),
      RUNS,
    );
  });
});

describe('form body properties', () => {
  it('splits into exactly its fields, each equal to its value', () => {
    fc.assert(
      fc.property(value, value, (s, t) => {
        fc.pre(s.isWellFormed() && t.isWellFormed());
        const out = renderBody('a={{s}}&b={{t}}&c=3', 'form', { decls: DECLS, values: { s, t } });
        assert.deepEqual(
          [...new URLSearchParams(out)],
          [
            ['a', s],
            ['b', t],
            ['c', '3'],
          ],
        );
      }),
      RUNS,
    );
  });
});

describe('header properties', () => {
  it('either carries the value as is on one line, or refuses it', () => {
    fc.assert(
      fc.property(value, (s) => {
        const render = () => renderHeaders({ 'X-V': 'v={{s}};' }, { decls: DECLS, values: { s } })['X-V'];
        if (!s.isWellFormed()) return refusedAs(render, 'VALIDATION_ERROR');
        if (/[\0-\x08\x0a-\x1f\x7f]|[^\0-\xff]/.test(s)) return refusedAs(render, 'VALIDATION_ERROR');
        assert.equal(render(), `v=${s};`);
      }),
      RUNS,
    );
  });
});
