// Pins that nothing started inside the sandbox outlives its press: not a setsid background job after a
// normal exit, not a SIGTERM-ignoring one after a timeout or after Ctrl-C.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { processesWith, sleep } from './helpers.ts';

describe('sandboxed processes end with their press', () => {
  let sb: Sandbox;
  let out: string;
  before(() => {
    sb = makeSandbox();
    out = join(sb.dir, 'out');
    mkdirSync(out);
  });
  after(() => sb.cleanup());

  /** A sandboxed button that may write only to the `out` folder, given to it as the arg `out`. */
  function createWritingToOut(name: string, code: string): void {
    const made = cli(sb, [
      'create',
      name,
      '--code',
      code,
      '--arg',
      'out:string:required',
      '--sandbox',
      `--allow-fs=${out}:rw`,
    ]);
    assert.equal(made.code, 0, made.stdout + made.stderr);
  }

  it('kills a setsid background job when the script returns', async () => {
    const marker = `iso-bg-${randomBytes(6).toString('hex')}`;
    // The job would touch a file in the granted folder 1 s after the script has returned.
    const code = `setsid sh -c 'sleep 1; touch "$BUTTONS_ARG_OUT/late"' ${marker} &\necho started`;
    createWritingToOut('bg', code);
    const r = cli(sb, ['press', 'bg', '--arg', `out=${out}`]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.data.stdout, 'started\n');
    assert.deepEqual(processesWith(marker), []);
    await sleep(2000);
    assert.equal(existsSync(join(out, 'late')), false);
  });

  it('kills a job that ignores SIGTERM when the press times out', () => {
    const marker = `iso-stubborn-${randomBytes(6).toString('hex')}`;
    const code = `setsid sh -c 'trap "" TERM; sleep 60' ${marker} &\nsleep 60`;
    assert.equal(cli(sb, ['create', 'stubborn', '--code', code, '--sandbox', '--timeout', '1']).code, 0);
    const r = cli(sb, ['press', 'stubborn']);
    assert.equal(r.code, 11, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'TIMEOUT');
    assert.deepEqual(processesWith(marker), []);
  });

  it('ends the sandbox when the pressing CLI gets Ctrl-C, and records the run as CANCELLED', async () => {
    const marker = `iso-interrupted-${randomBytes(6).toString('hex')}`;
    const code = [
      `setsid sh -c 'trap "" TERM INT; sleep 60' ${marker} &`,
      'touch "$BUTTONS_ARG_OUT/started"',
      'sleep 60',
    ].join('\n');
    createWritingToOut('interrupted', code);
    const { child, done } = cliAsync(sb, ['press', 'interrupted', '--arg', `out=${out}`, '--json']);
    for (let i = 0; i < 400 && !existsSync(join(out, 'started')); i++) await sleep(25);
    assert.ok(existsSync(join(out, 'started')), 'the sandboxed script started');
    child.kill('SIGINT');
    const r = await done;
    assert.equal(r.code, 6, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'CANCELLED');
    assert.deepEqual(processesWith(marker), []);
  });
});
