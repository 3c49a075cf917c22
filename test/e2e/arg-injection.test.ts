// Pins "args only as env vars": shell metacharacters reach the script verbatim and nothing else runs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('arg values cannot inject commands', () => {
  let sb: Sandbox;
  let canary: string;
  before(() => {
    sb = makeSandbox();
    canary = join(sb.dir, 'pwned');
    const out = join(sb.dir, 'received');
    const code = `printf '%s' "$BUTTONS_ARG_V" > '${out}'`;
    assert.equal(cli(sb, ['create', 'echoer', '--code', code, '--arg', 'v:string:required']).code, 0);
    for (const runtime of ['bash', 'python', 'node'] as const) {
      const src = {
        bash: `printf '%s' "$BUTTONS_ARG_V"`,
        python: `import os, sys\nsys.stdout.write(os.environ["BUTTONS_ARG_V"])`,
        node: `process.stdout.write(process.env.BUTTONS_ARG_V)`,
      }[runtime];
      assert.equal(
        cli(sb, [
          'create',
          `echo-${runtime}`,
          '--runtime',
          runtime,
          '--code',
          src,
          '--arg',
          'v:string:required',
        ]).code,
        0,
      );
    }
  });
  after(() => sb.cleanup());

  const payloads = [
    () => `$(touch ${canary})`,
    () => `\`touch ${canary}\``,
    () => `; touch ${canary}`,
    () => `'"; touch ${canary}; echo "'`,
    () => `a\nb\ntouch ${canary}\n`,
    () => `| touch ${canary} &`,
    () => `$IFS$(touch$IFS${canary})`,
  ];

  for (const [i, payload] of payloads.entries()) {
    it(`payload #${i + 1} arrives verbatim in a shell button and runs nothing`, () => {
      const value = payload();
      const r = cli(sb, ['press', 'echoer', '--arg', `v=${value}`]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(readFileSync(join(sb.dir, 'received'), 'utf8'), value);
      assert.equal(existsSync(canary), false, 'the payload ran');
    });
  }

  for (const runtime of ['bash', 'python', 'node'] as const) {
    it(`arrives verbatim in a ${runtime} button`, () => {
      const value = payloads[3]!() + payloads[4]!();
      const r = cli(sb, ['press', `echo-${runtime}`, '--arg', `v=${value}`]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.json.data.stdout, value);
      assert.equal(existsSync(canary), false);
    });
  }
});
