// Pins validation on read: a hand-broken button.json is reported by path and never run.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('a hand-edited invalid button.json', () => {
  let sb: Sandbox;
  let specFile: string;
  let canary: string;
  before(() => {
    sb = makeSandbox();
    canary = join(sb.dir, 'ran');
    assert.equal(cli(sb, ['create', 'good', '--code', 'echo ok']).code, 0);
    assert.equal(cli(sb, ['create', 'broken', '--code', `touch ${canary}`]).code, 0);
    assert.equal(
      cli(sb, ['press', 'broken']).code,
      0,
      'valid at first (and its content remembered as valid)',
    );
    assert.ok(existsSync(canary));
    writeFileSync(canary, '');
    specFile = join(sb.data, 'buttons', 'broken', 'button.json');
  });
  after(() => sb.cleanup());

  const edits: [string, (spec: Record<string, unknown>) => unknown][] = [
    ['a wrong type', (s) => ({ ...s, timeout_seconds: 'soon' })],
    ['an unknown runtime', (s) => ({ ...s, runtime: 'perl' })],
    ['an unknown field', (s) => ({ ...s, shell_injection: true })],
    ['a bad arg declaration', (s) => ({ ...s, args: [{ name: '../x', type: 'string', required: true }] })],
    ['a name that does not match the folder', (s) => ({ ...s, name: 'other' })],
  ];

  for (const [what, edit] of edits) {
    it(`with ${what}: press and list report it by path with VALIDATION_ERROR`, () => {
      const original = readFileSync(specFile, 'utf8');
      writeFileSync(specFile, JSON.stringify(edit(JSON.parse(original))));
      try {
        rmSync(canary, { force: true });
        const pressed = cli(sb, ['press', 'broken']);
        assert.equal(pressed.code, 3, pressed.stdout);
        assert.equal(pressed.json.error.code, 'VALIDATION_ERROR');
        assert.ok(pressed.json.error.message.startsWith(specFile), pressed.json.error.message);
        assert.equal(existsSync(canary), false, 'the broken button ran');

        const listed = cli(sb, ['list']);
        assert.equal(listed.code, 0);
        assert.deepEqual(
          listed.json.data.buttons.map((b: { name: string }) => b.name),
          ['good'],
        );
        assert.equal(listed.json.data.invalid[0].path, specFile);
        assert.equal(listed.json.data.invalid[0].error.code, 'VALIDATION_ERROR');
      } finally {
        writeFileSync(specFile, original);
      }
    });
  }

  it('with broken JSON or absurd nesting: reported, never a crash', () => {
    const original = readFileSync(specFile, 'utf8');
    for (const text of ['{"name": ', `${'['.repeat(100000)}${']'.repeat(100000)}`]) {
      writeFileSync(specFile, text);
      const pressed = cli(sb, ['press', 'broken']);
      assert.equal(pressed.json.error.code, 'VALIDATION_ERROR');
      assert.match(pressed.json.error.message, /button\.json: (not valid JSON|JSON nested deeper)/);
    }
    writeFileSync(specFile, original);
    assert.equal(cli(sb, ['press', 'broken']).code, 0, 'fixed again, it runs');
  });
});
