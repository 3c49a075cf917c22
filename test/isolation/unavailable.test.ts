// Pins fail-closed isolation: without a working bubblewrap a sandboxed button never runs — the press fails
// with SANDBOX_UNAVAILABLE and a hint, and the script's marker file is never created.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

// What bubblewrap prints where unprivileged user namespaces are forbidden.
const USERNS_FAILURE =
  "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces. On e.g. debian this can be enabled with 'sysctl kernel.unprivileged_userns_clone=1'.";

describe('a sandboxed press without a usable bubblewrap', () => {
  let sb: Sandbox;
  let marker: string;
  let noBwrap: string;
  let brokenBwrap: string;
  before(() => {
    sb = makeSandbox();
    const out = join(sb.dir, 'out');
    mkdirSync(out);
    marker = join(out, 'ran');
    // PATH dirs holding node (the button's interpreter) but no working bwrap.
    noBwrap = join(sb.dir, 'no-bwrap');
    brokenBwrap = join(sb.dir, 'broken-bwrap');
    for (const dir of [noBwrap, brokenBwrap]) {
      mkdirSync(dir);
      symlinkSync(process.execPath, join(dir, 'node'));
    }
    writeFileSync(join(brokenBwrap, 'bwrap'), `#!/bin/sh\necho "${USERNS_FAILURE}" >&2\nexit 1\n`);
    chmodSync(join(brokenBwrap, 'bwrap'), 0o755);
    const code = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`;
    const made = cli(sb, [
      'create',
      'mark',
      '--runtime',
      'node',
      '--code',
      code,
      '--sandbox',
      `--allow-fs=${out}:rw`,
    ]);
    assert.equal(made.code, 0, made.stdout + made.stderr);
  });
  beforeEach(() => rmSync(marker, { force: true }));
  after(() => sb.cleanup());

  it('runs the script when bubblewrap works (the marker proves it)', () => {
    const r = cli(sb, ['press', 'mark']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(existsSync(marker), true);
  });

  it('fails with SANDBOX_UNAVAILABLE when bwrap is not on PATH, and the script never ran', () => {
    const r = cli(sb, ['press', 'mark'], { env: { PATH: noBwrap } });
    assert.equal(r.code, 19, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'SANDBOX_UNAVAILABLE');
    assert.match(r.json.error.message, /bubblewrap \(bwrap\) was not found on PATH; it did not run/);
    assert.match(r.json.error.hint, /apt-get install bubblewrap/);
    assert.equal(existsSync(marker), false);
  });

  it('fails with SANDBOX_UNAVAILABLE when user namespaces are forbidden, and the script never ran', () => {
    const r = cli(sb, ['press', 'mark'], { env: { PATH: brokenBwrap } });
    assert.equal(r.code, 19, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'SANDBOX_UNAVAILABLE');
    assert.match(
      r.json.error.message,
      /bubblewrap could not create the sandbox \(No permissions to creating new namespace/,
    );
    assert.match(r.json.error.hint, /user namespaces/);
    assert.equal(existsSync(marker), false);
  });

  it('refuses a dry run the same way', () => {
    const r = cli(sb, ['press', 'mark', '--dry-run'], { env: { PATH: noBwrap } });
    assert.equal(r.json.error.code, 'SANDBOX_UNAVAILABLE');
  });

  it('is reported by buttons doctor, with the fix', () => {
    const missing = cli(sb, ['doctor', '--json'], { env: { PATH: noBwrap } });
    assert.equal(missing.code, 0);
    assert.equal(missing.json.data.isolation.available, false);
    assert.equal(missing.json.data.isolation.bwrap.path, null);
    assert.match(missing.json.data.isolation.hint, /install bubblewrap/i);
    const broken = cli(sb, ['doctor', '--json'], { env: { PATH: brokenBwrap } });
    assert.equal(broken.json.data.isolation.available, false);
    assert.match(broken.json.data.isolation.problem, /No permissions to creating new namespace/);
    const working = cli(sb, ['doctor', '--json']);
    assert.equal(working.json.data.isolation.available, true);
    assert.match(working.json.data.isolation.bwrap.version, /^\d+\.\d+/);
  });
});
