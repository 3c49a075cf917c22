// Pins private storage: under umask 000 every dir is 0700 and every file 0600.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { BIN, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { walk } from '../helpers/files.ts';

function underUmask000(sb: Sandbox, args: string[], input = ''): number | null {
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('/bin/sh', ['-c', `umask 000; exec '${process.execPath}' '${BIN}' ${quoted}`], {
    env: sb.env,
    cwd: sb.dir,
    input,
    encoding: 'utf8',
  });
  return r.status;
}

describe('umask 000', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
    assert.equal(
      underUmask000(sb, ['create', 'p', '--code', 'echo "$BUTTONS_BAT_TOKEN" | wc -c', '--prompt', 'hi']),
      0,
    );
    assert.equal(underUmask000(sb, ['batteries', 'set', 'TOKEN'], 'value-1'), 0);
    assert.equal(underUmask000(sb, ['batteries', 'set', 'GLOBAL_ONE', 'v', '--global']), 0);
    assert.equal(underUmask000(sb, ['config', 'set', 'history.keep', '5']), 0);
    assert.equal(underUmask000(sb, ['press', 'p']), 0);
    assert.equal(underUmask000(sb, ['create', 'scaffolded', '--runtime', 'python']), 0);
  });
  after(() => sb.cleanup());

  it('creates every dir 0700 and every file 0600, in the data dir and the global dir', () => {
    const entries = [...walk(sb.data), ...walk(`${sb.home}/.buttons`)];
    assert.ok(entries.some((e) => e.path.endsWith('state.db')));
    assert.ok(entries.some((e) => e.path.endsWith('batteries.json')));
    assert.ok(entries.some((e) => e.path.includes('/pressed/') && e.path.endsWith('.json')));
    assert.ok(entries.some((e) => e.path.endsWith('AGENTS.md')));
    for (const e of entries) {
      assert.equal(e.mode.toString(8), e.isDir ? '700' : '600', e.path);
    }
  });
});
