// Pins the name rule: a button name can never address a path outside the data dir.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assertName } from '../../src/core/names.ts';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('button names', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
  });
  after(() => sb.cleanup());

  for (const name of [
    '../x',
    'a/b',
    '..',
    '.',
    '/etc/passwd',
    'A',
    '-x',
    'x'.repeat(200),
    'x'.repeat(65),
    '',
  ]) {
    it(`refuses ${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…(${name.length})` : name)} and names the rule`, () => {
      const r = cli(sb, ['create', '--code', 'echo hi', '--', name]);
      assert.equal(r.code, 3, r.stdout + r.stderr);
      assert.equal(r.json.error.code, 'VALIDATION_ERROR');
      assert.match(r.json.error.message, /a-z, 0-9 and "-"/);
      assert.match(r.json.error.message, /1-64 characters/);
    });
  }

  it('refuses a name with a NUL byte (argv cannot carry one, so the rule is checked directly)', () => {
    assert.throws(() => assertName('x\0y'), /1-64 characters of a-z/);
  });

  it('wrote nothing outside the data dir, and no button at all', () => {
    assert.deepEqual(
      readdirSync(sb.dir).sort(),
      existsSync(sb.data) ? ['data'] : [],
      'only the data dir may exist beside the test home',
    );
    assert.ok(!existsSync(`${sb.dir}/x`));
    const buttons = `${sb.data}/buttons`;
    assert.deepEqual(existsSync(buttons) ? readdirSync(buttons) : [], []);
  });

  it('refuses traversal in other commands too', () => {
    for (const args of [
      ['press', '../x'],
      ['logs', '../../etc'],
      ['delete', '..', '-F'],
      ['history', 'a/b'],
    ]) {
      const r = cli(sb, args);
      assert.equal(r.json.error.code, 'VALIDATION_ERROR', args.join(' '));
    }
  });
});
