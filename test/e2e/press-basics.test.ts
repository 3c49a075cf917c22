// Pins the press contract: args reach the script verbatim as env vars, results come back in the envelope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('create and press a script button', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
    const created = cli(sb, [
      'create',
      'greet',
      '--code',
      'printf "hello %s" "$BUTTONS_ARG_WHO"',
      '--arg',
      'who:string:required',
    ]);
    assert.equal(created.code, 0, created.stdout + created.stderr);
  });
  after(() => sb.cleanup());

  it('returns stdout, exit code, duration and run id in the envelope', () => {
    const r = cli(sb, ['press', 'greet', '--arg', 'who=world']);
    assert.equal(r.code, 0);
    assert.equal(r.json.ok, true);
    assert.equal(r.json.data.stdout, 'hello world');
    assert.equal(r.json.data.exit_code, 0);
    assert.equal(r.json.data.status, 'ok');
    assert.match(r.json.data.run_id, /^\d{8}T\d{9}Z-[0-9a-f]{12}$/);
    assert.equal(typeof r.json.data.duration_ms, 'number');
  });

  it('refuses a missing required arg before running', () => {
    const r = cli(sb, ['press', 'greet']);
    assert.equal(r.code, 3);
    assert.equal(r.json.error.code, 'VALIDATION_ERROR');
    assert.match(r.json.error.message, /arg "who" is required/);
  });
});
