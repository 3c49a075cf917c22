// Pins history under concurrency: many processes pressing at once never lose or corrupt a record.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('50 presses from 50 processes at once', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
    assert.equal(
      cli(sb, ['create', 'tick', '--code', 'echo "tick $BUTTONS_ARG_N"', '--arg', 'n:int:required']).code,
      0,
    );
  });
  after(() => sb.cleanup());

  it('yields 50 distinct valid records and 50 rows in state.db', async () => {
    const runs = Array.from(
      { length: 50 },
      (_, n) => cliAsync(sb, ['press', 'tick', '--arg', `n=${n}`]).done,
    );
    const results = await Promise.all(runs);
    for (const r of results) assert.equal(r.code, 0, r.stdout + r.stderr);
    const ids = new Set(results.map((r) => r.json.data.run_id as string));
    assert.equal(ids.size, 50);

    const dir = join(sb.data, 'buttons', 'tick', 'pressed');
    const files = readdirSync(dir);
    assert.equal(files.length, 50, `files: ${files.join(', ')}`);
    const seen = new Set<string>();
    for (const file of files) {
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      assert.equal(`${record.run_id}.json`, file);
      assert.equal(record.status, 'ok');
      assert.equal(record.stdout, `tick ${record.args.n}\n`);
      seen.add(record.args.n);
    }
    assert.equal(seen.size, 50, 'every press kept its own args');

    const db = new DatabaseSync(join(sb.data, 'state.db'), { readOnly: true });
    const rows = db.prepare("SELECT run_id FROM runs WHERE name = 'tick'").all() as { run_id: string }[];
    db.close();
    assert.deepEqual(new Set(rows.map((r) => r.run_id)), ids);

    const history = cli(sb, ['history', 'tick', '--last', '100']);
    assert.equal(history.json.data.runs.length, 50);
  });
});
