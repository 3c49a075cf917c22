// Pins redaction: secrets vanish from text, from nested data and from streams split at any point.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeRedactor, REDACTED } from '../../src/core/redact.ts';

describe('redactor', () => {
  it('masks every occurrence, longest secret first', () => {
    const r = makeRedactor(['abc', 'abcdef']);
    assert.equal(r.text('x abcdef y abc'), `x ${REDACTED} y ${REDACTED}`);
  });

  it('masks strings inside nested data but not keys', () => {
    const r = makeRedactor(['s3cr3t']);
    assert.deepEqual(r.deep({ s3cr3t: ['a s3cr3t', { v: 's3cr3t' }], n: 1 }), {
      s3cr3t: [`a ${REDACTED}`, { v: REDACTED }],
      n: 1,
    });
  });

  it('never lets a secret through a stream, wherever the chunks split', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 12 }).filter((s) => !REDACTED.includes(s) && !s.includes('[')),
        fc.string(),
        fc.string(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (secret, before, after, cuts) => {
          const text = `${before}${secret}${after}`;
          const r = makeRedactor([secret]);
          const stream = r.stream();
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          let out = '';
          let last = 0;
          for (const p of points) {
            out += stream.push(text.slice(last, p));
            last = p;
          }
          out += stream.push(text.slice(last)) + stream.flush();
          assert.ok(!out.includes(secret), `leaked in ${JSON.stringify(out)}`);
        },
      ),
    );
  });
});
