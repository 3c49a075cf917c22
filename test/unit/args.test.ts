// Pins arg declarations and value validation: every bad value is refused before anything runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argEnvName, parseArgDecl } from '../../src/core/arg-types.ts';
import { argEnv, parseArgPairs, validateArgValues } from '../../src/core/arg-values.ts';
import { ButtonsError } from '../../src/core/errors.ts';

const decls = [
  parseArgDecl('who:string:required'),
  parseArgDecl('count:int:optional'),
  parseArgDecl('loud:bool'),
  parseArgDecl('env:enum:optional:dev|prod'),
  parseArgDecl('token:secret:optional'),
];

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ButtonsError);
    assert.equal(error.code, 'VALIDATION_ERROR');
    return error.message;
  }
  assert.fail('expected a refusal');
}

describe('arg declarations', () => {
  it('parses name:type:required|optional[:values]', () => {
    assert.deepEqual(parseArgDecl('env:enum:required:dev|prod'), {
      name: 'env',
      type: 'enum',
      required: true,
      values: ['dev', 'prod'],
    });
    assert.deepEqual(parseArgDecl('n:int'), { name: 'n', type: 'int', required: false });
  });

  for (const [raw, rule] of [
    ['1x:string', /arg name/],
    ['x:float', /type must be one of/],
    ['x:string:maybe', /required" or "optional/],
    ['x:enum:required', /lists its values/],
    ['x:string:required:a|b', /only enum args/],
    ['a:b:c:d:e', /too many/],
  ] as const) {
    it(`refuses ${raw}`, () =>
      assert.match(
        refusal(() => parseArgDecl(raw)),
        rule,
      ));
  }

  it('names env vars BUTTONS_ARG_<NAME> upper-cased with - as _', () => {
    assert.equal(argEnvName('dry-run'), 'BUTTONS_ARG_DRY_RUN');
  });
});

describe('arg values', () => {
  it('normalises ints and bools and keeps strings verbatim', () => {
    const values = validateArgValues(decls, { who: '$(id)\n`x`', count: '+007', loud: 'YES', env: 'prod' });
    assert.deepEqual({ ...values }, { who: '$(id)\n`x`', count: '7', loud: 'true', env: 'prod' });
    assert.equal(argEnv(values).BUTTONS_ARG_WHO, '$(id)\n`x`');
  });

  for (const [given, rule] of [
    [{}, /arg "who" is required/],
    [{ who: 'a', nope: '1' }, /not declared/],
    [{ who: 'a', count: '1.5' }, /must be an int/],
    [{ who: 'a', count: '99999999999999999999' }, /must be an int/],
    [{ who: 'a', loud: 'maybe' }, /must be a bool/],
    [{ who: 'a', env: 'staging' }, /must be one of dev\|prod/],
    [{ who: 'x\0y' }, /NUL/],
  ] as const) {
    it(`refuses ${JSON.stringify(given)}`, () =>
      assert.match(
        refusal(() => validateArgValues(decls, given)),
        rule,
      ));
  }

  it('splits k=v on the first "=" and refuses duplicates', () => {
    assert.deepEqual({ ...parseArgPairs(['q=a=b']) }, { q: 'a=b' });
    assert.match(
      refusal(() => parseArgPairs(['a=1', 'a=2'])),
      /more than once/,
    );
    assert.match(
      refusal(() => parseArgPairs(['novalue'])),
      /expected name=value/,
    );
  });
});
