// Pins history, logs, retention and delete: records are found, pruned with their files, and removed whole.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('history, logs, retention, delete', () => {
  let sb: Sandbox;
  const ids: string[] = [];
  before(() => {
    sb = makeSandbox();
    assert.equal(
      cli(sb, [
        'create',
        'count',
        '--code',
        'echo "n=$BUTTONS_ARG_N"; [ "$BUTTONS_ARG_N" != 3 ]',
        '--arg',
        'n:int:required',
      ]).code,
      0,
    );
    assert.equal(cli(sb, ['create', 'other', '--code', 'echo other']).code, 0);
    assert.equal(cli(sb, ['config', 'set', 'history.keep', '4']).code, 0);
    for (let n = 1; n <= 6; n++) ids.push(cli(sb, ['press', 'count', '--arg', `n=${n}`]).json.data.run_id);
    cli(sb, ['press', 'other']);
  });
  after(() => sb.cleanup());

  it('lists runs newest first, per button and overall', () => {
    const runs = cli(sb, ['history', 'count']).json.data.runs;
    assert.deepEqual(
      runs.map((r: { run_id: string }) => r.run_id),
      ids.slice(2).reverse(),
    );
    assert.equal(cli(sb, ['history', '--last', '2']).json.data.runs[0].name, 'other');
    assert.equal(cli(sb, ['history', 'count', '--last', '1']).json.data.runs.length, 1);
  });

  it('keeps a failed run with its real exit code', () => {
    const failed = cli(sb, ['history', 'count']).json.data.runs.find(
      (r: { run_id: string }) => r.run_id === ids[2],
    );
    assert.equal(failed.status, 'error');
    assert.equal(failed.error_type, 'SCRIPT_ERROR');
    assert.equal(failed.exit_code, 1);
  });

  it('prunes past history.keep, files included', () => {
    const files = readdirSync(join(sb.data, 'buttons', 'count', 'pressed')).sort();
    assert.deepEqual(
      files,
      ids
        .slice(2)
        .map((id) => `${id}.json`)
        .sort(),
    );
    assert.equal(cli(sb, ['logs', 'count', ids[0]!]).json.error.code, 'NOT_FOUND');
  });

  it('shows one run in full, the latest by default', () => {
    const latest = cli(sb, ['logs', 'count']).json.data;
    assert.equal(latest.run_id, ids[5]);
    assert.equal(latest.stdout, 'n=6\n');
    assert.equal(cli(sb, ['logs', 'count', ids[3]!]).json.data.args.n, '4');
    assert.equal(cli(sb, ['logs', 'count', 'not-a-run']).json.error.code, 'VALIDATION_ERROR');
  });

  it('summarises the workspace in one call', () => {
    const s = cli(sb, ['summary']).json.data;
    assert.equal(s.counts.buttons, 2);
    assert.equal(s.counts.runs.total, 5);
    assert.equal(s.recent_failures[0].run_id, ids[2]);
    assert.deepEqual(
      s.buttons.map((b: { name: string; last_status: string }) => [b.name, b.last_status]),
      [
        ['count', 'ok'],
        ['other', 'ok'],
      ],
    );
  });

  it('deletes a button with its history (no prompt without a terminal when -F is given)', () => {
    const r = cli(sb, ['rm', 'count', '-F']);
    assert.equal(r.code, 0);
    assert.equal(existsSync(join(sb.data, 'buttons', 'count')), false);
    assert.equal(cli(sb, ['history', 'count']).json.error.code, 'NOT_FOUND');
    assert.equal(cli(sb, ['summary']).json.data.counts.runs.total, 1);
    assert.equal(cli(sb, ['delete', 'count', '-F']).json.error.code, 'NOT_FOUND');
  });

  it('deletes a button whose spec is broken or gone', () => {
    assert.equal(cli(sb, ['create', 'wrecked', '--code', 'true']).code, 0);
    rmSync(join(sb.data, 'buttons', 'wrecked', 'button.json'));
    assert.equal(cli(sb, ['press', 'wrecked']).json.error.code, 'NOT_FOUND');
    assert.equal(cli(sb, ['rm', 'wrecked', '-F']).code, 0);
    assert.equal(existsSync(join(sb.data, 'buttons', 'wrecked')), false);
  });
});
