// Pins crash safety: a CLI killed with SIGKILL mid-press leaves nothing half-written.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { pidsWithMarker, walk } from '../helpers/files.ts';

describe('SIGKILL of the CLI mid-press', () => {
  let sb: Sandbox;
  const marker = `38.${process.pid}`;
  before(() => {
    sb = makeSandbox();
    const started = join(sb.dir, 'started');
    assert.equal(cli(sb, ['create', 'slow', '--code', `touch ${started}\nsleep ${marker}`]).code, 0);
    assert.equal(
      cli(sb, ['press', 'slow', '--timeout', '0.2']).code,
      11,
      'one finished run in history first',
    );
  });
  after(() => {
    for (const pid of pidsWithMarker(marker)) process.kill(pid, 'SIGKILL');
    sb.cleanup();
  });

  it('leaves history and summary working and no partial JSON anywhere', async () => {
    const { child, done } = cliAsync(sb, ['press', 'slow']);
    const started = join(sb.dir, 'started');
    for (let i = 0; i < 200 && !existsSync(started); i++) await sleep(25);
    assert.ok(existsSync(started), 'the script started');
    child.kill('SIGKILL');
    const killed = await done;
    assert.equal(killed.code, null);

    const history = cli(sb, ['history', 'slow']);
    assert.equal(history.code, 0, history.stdout + history.stderr);
    assert.equal(history.json.data.runs.length, 1);
    const summary = cli(sb, ['summary']);
    assert.equal(summary.code, 0, summary.stdout + summary.stderr);
    assert.equal(summary.json.data.counts.buttons, 1);

    for (const entry of walk(sb.data)) {
      if (entry.isDir || !entry.path.endsWith('.json')) continue;
      assert.doesNotThrow(() => JSON.parse(readFileSync(entry.path, 'utf8')), entry.path);
    }
    const again = cli(sb, ['press', 'slow', '--timeout', '0.2']);
    assert.equal(again.json.error.code, 'TIMEOUT');
    assert.equal(cli(sb, ['history', 'slow']).json.data.runs.length, 2);
  });
});
