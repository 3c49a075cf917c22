// Pins the buttons:* modules that need no grant: memory (persistent, namespaced), trace, time, random; and their bua:* aliases.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runIn, type TempDir, tempDir } from './helpers.ts';

describe('buttons:memory, trace, time and random', () => {
  let tmp: TempDir;
  let data: string;
  before(() => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
  });
  after(() => tmp.cleanup());

  it('memory persists across runs of the same program, in state.db', async () => {
    const code = `import * as memory from 'buttons:memory';
      const n = ((await memory.get('count')) ?? 0) + 1;
      await memory.set('count', n); await memory.set('obj', { list: [1, 2], n });
      console.log(n, JSON.stringify(await memory.keys()), JSON.stringify(await memory.get('obj')), await memory.get('missing'));`;
    const first = await runIn(tmp.dir, code, { dataRoot: data });
    const second = await runIn(tmp.dir, code, { dataRoot: data });
    assert.equal(first.stdout, '1 ["count","obj"] {"list":[1,2],"n":1} undefined\n');
    assert.equal(second.stdout, '2 ["count","obj"] {"list":[1,2],"n":2} undefined\n');
  });

  it('memory is namespaced per program', async () => {
    const other = await runIn(
      join(tmp.dir, 'other'),
      "import * as m from 'bua:memory'; console.log(await m.get('count') ?? 'none');",
      { dataRoot: data },
    );
    assert.equal(other.stdout, 'none\n');
  });

  it('memory bounds keys and values', async () => {
    const code = `import * as m from 'buttons:memory';
      for (const f of [() => m.set('', 1), () => m.set('k'.repeat(300), 1), () => m.set('big', 'x'.repeat(1024 * 1024 + 1))]) { try { await f(); console.log('ok'); } catch (e) { console.log(e.name); } }`;
    const r = await runIn(tmp.dir, code, { dataRoot: data });
    assert.equal(r.stdout, 'RangeError\nRangeError\nRangeError\n');
  });

  it('trace logs and checkpoints land in the audit trace', async () => {
    const r = await runIn(
      tmp.dir,
      "import * as trace from 'bua:trace'; trace.info('hello', { a: 1 }); trace.warn('careful'); trace.checkpoint('step-1', { done: true });",
    );
    const own = r.trace
      .filter((t) => t.type === 'log' || t.type === 'checkpoint')
      .map((t) => [t.type, t.level ?? t.name, t.message ?? t.data]);
    assert.deepEqual(own, [
      ['log', 'info', 'hello'],
      ['log', 'warn', 'careful'],
      ['checkpoint', 'step-1', { done: true }],
    ]);
  });

  it('time and random work without grants', async () => {
    const code = `import * as time from 'buttons:time'; import * as random from 'buttons:random';
      const t0 = time.monotonic(); await time.sleep(20);
      const n = random.int(1, 6); const f = random.float();
      console.log(time.monotonic() - t0 >= 15, n >= 1 && n <= 6, f >= 0 && f < 1, random.bytes(4).length, random.uuid().length, random.shuffle([1, 2, 3]).sort().join(''), typeof time.iso());`;
    const r = await runIn(tmp.dir, code);
    assert.equal(r.stdout, 'true true true 4 36 123 string\n');
  });
});
