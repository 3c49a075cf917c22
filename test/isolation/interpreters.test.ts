// Pins that an interpreter installed inside the hidden home still runs: a self-contained install (as nvm
// or pyenv make) is exposed read-only as a whole, a lone program in ~/.local/bin only as that file — never
// the folders around it (where keyrings and tokens live).
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

const CODE = `
const fs = require('node:fs');
const seen = (p) => { try { fs.readFileSync(p); return 'read'; } catch (e) { return e.code; } };
console.log(JSON.stringify({ paths: process.env.BUTTONS_ARG_PATHS.split(',').map(seen) }));
`;

describe('interpreters inside the hidden home', () => {
  let sb: Sandbox;
  let install: string;
  let local: string;
  before(() => {
    sb = makeSandbox();
    install = join(sb.home, '.nvm', 'versions', 'node', 'v24');
    local = join(sb.home, '.local');
    mkdirSync(join(install, 'bin'), { recursive: true });
    mkdirSync(join(local, 'bin'), { recursive: true });
    mkdirSync(join(local, 'share'), { recursive: true });
    writeFileSync(join(install, 'include.txt'), 'part of the install');
    writeFileSync(join(local, 'share', 'keyring'), 'KEYRING');
    symlinkSync(process.execPath, join(install, 'bin', 'node'));
    symlinkSync(process.execPath, join(local, 'bin', 'node'));
    const made = cli(sb, [
      'create',
      'where',
      '--runtime',
      'node',
      '--code',
      CODE,
      '--arg',
      'paths:string:required',
      '--sandbox',
    ]);
    assert.equal(made.code, 0, made.stdout + made.stderr);
  });
  after(() => sb.cleanup());

  function press(binDir: string) {
    const paths = [join(install, 'include.txt'), join(local, 'share', 'keyring')].join(',');
    const args = ['press', 'where', '--arg', `paths=${paths}`];
    const env = { PATH: `${binDir}:${process.env.PATH}` };
    const plan = cli(sb, [...args, '--dry-run'], { env }).json.data.plan;
    assert.ok(plan.command.includes(join(binDir, 'node')), 'the interpreter from the hidden home is used');
    const r = cli(sb, args, { env });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    return { ...r.json.data.output, exposed: plan.sandbox.read_only };
  }

  it('runs node from an install under ~/.nvm, exposing that install read-only', () => {
    const out = press(join(install, 'bin'));
    assert.deepEqual(out.paths, ['read', 'ENOENT']);
    assert.ok(out.exposed.includes(install));
  });

  it('runs node from ~/.local/bin, exposing only that program', () => {
    const out = press(join(local, 'bin'));
    assert.deepEqual(out.paths, ['ENOENT', 'ENOENT']);
    assert.ok(out.exposed.includes(join(local, 'bin', 'node')));
  });
});
