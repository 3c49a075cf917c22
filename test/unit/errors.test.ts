// Pins the error contract: a closed set of codes, each with a distinct exit code and an HTTP status.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ButtonsError, ErrorCode, EXIT_CODES, HTTP_STATUS, toButtonsError } from '../../src/core/errors.ts';

describe('error codes', () => {
  const codes = Object.values(ErrorCode);

  it('maps every code to a distinct, non-zero exit code', () => {
    const exits = codes.map((c) => EXIT_CODES[c]);
    assert.ok(exits.every((e) => Number.isInteger(e) && e > 0 && e < 126));
    assert.equal(new Set(exits).size, codes.length);
  });

  it('maps every code to an HTTP error status', () => {
    for (const code of codes) {
      const status = HTTP_STATUS[code];
      assert.ok(status >= 400 && status <= 599, `${code} → ${status}`);
    }
  });

  it('pins the documented exit codes of the foundation', () => {
    assert.deepEqual(
      {
        INTERNAL: EXIT_CODES.INTERNAL,
        USAGE: EXIT_CODES.USAGE,
        VALIDATION_ERROR: EXIT_CODES.VALIDATION_ERROR,
        NOT_FOUND: EXIT_CODES.NOT_FOUND,
        SCRIPT_ERROR: EXIT_CODES.SCRIPT_ERROR,
        TIMEOUT: EXIT_CODES.TIMEOUT,
        RUNTIME_MISSING: EXIT_CODES.RUNTIME_MISSING,
      },
      {
        INTERNAL: 1,
        USAGE: 2,
        VALIDATION_ERROR: 3,
        NOT_FOUND: 4,
        SCRIPT_ERROR: 10,
        TIMEOUT: 11,
        RUNTIME_MISSING: 12,
      },
    );
  });

  it('serialises to {code, message, hint} and wraps unknown throws as INTERNAL', () => {
    assert.deepEqual(new ButtonsError('NOT_FOUND', 'gone', 'look elsewhere').toJSON(), {
      code: 'NOT_FOUND',
      message: 'gone',
      hint: 'look elsewhere',
    });
    const wrapped = toButtonsError(new TypeError('boom'));
    assert.equal(wrapped.code, 'INTERNAL');
    assert.equal(wrapped.message, 'boom');
  });
});
