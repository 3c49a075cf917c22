// Pins the timeout: the whole process tree dies — TERM trappers, double-forks and setsid escapees included.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { pidsWithMarker } from '../helpers/files.ts';

describe('timeouts end every descendant', { concurrency: 4 }, () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
    assert.equal(cli(sb, ['config', 'set', 'timeout.grace_seconds', '0.5']).code, 0);
  });
  after(() => sb.cleanup());

  const cases = [
    {
      name: 'trap-term',
      // An ignored TERM is inherited by the sleep too, so only SIGKILL ends them.
      code: (marker: string) => `trap '' TERM\nsleep ${marker} &\nsleep ${marker}`,
    },
    {
      name: 'double-fork',
      code: (marker: string) => `(sh -c 'sleep ${marker} &' &)\nsleep ${marker}`,
    },
    {
      name: 'setsid',
      code: (marker: string, file: string) =>
        `setsid sh -c 'sleep 3; touch ${file}; sleep ${marker}' &\nsleep ${marker}`,
    },
  ];

  for (const [i, c] of cases.entries()) {
    it(`${c.name}: a timed-out press leaves no process and no late side effect`, async () => {
      const marker = `4${i}.${process.pid}`;
      const file = join(sb.dir, `late-${c.name}`);
      assert.equal(cli(sb, ['create', c.name, '--code', c.code(marker, file)]).code, 0);
      const r = cli(sb, ['press', c.name, '--timeout', '1']);
      assert.equal(r.code, 11, r.stdout + r.stderr);
      assert.equal(r.json.error.code, 'TIMEOUT');
      assert.equal(r.json.data.status, 'timeout');
      assert.deepEqual(pidsWithMarker(marker), [], 'a descendant outlived its press');
      await sleep(3500);
      assert.equal(existsSync(file), false, 'a descendant acted after the press returned');
      assert.deepEqual(pidsWithMarker(marker), []);
    });
  }

  it('a background job left by a script that exits normally ends with the press', async () => {
    const marker = `47.${process.pid}`;
    const file = join(sb.dir, 'late-daemon');
    const code = `setsid sh -c 'sleep 2; touch ${file}; sleep ${marker}' >/dev/null 2>&1 &\necho started`;
    assert.equal(cli(sb, ['create', 'daemon', '--code', code]).code, 0);
    const r = cli(sb, ['press', 'daemon']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.data.stdout, 'started\n');
    await sleep(2500);
    assert.equal(existsSync(file), false);
    assert.deepEqual(pidsWithMarker(marker), []);
  });
});
