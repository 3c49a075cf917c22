/** `history NAME --last 20` with 100 000 recorded runs vs with 10 (target ≤ 1.5×). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../src/core/run-record.ts';
import { indexRowOf } from '../src/core/run-record.ts';
import { Workspace } from '../src/store/workspace.ts';
import { BIN, buttons, compare, ms, type TempHome, table, tempHome } from './lib.ts';

/** Seeds `count` real-looking runs: a record file each and its row through the real index code. */
function seed(home: TempHome, count: number): void {
  buttons(home, ['create', 'busy', '--code', 'echo hi']);
  buttons(home, ['config', 'set', 'history.keep', '0']);
  const ws = new Workspace({
    root: home.env.BUTTONS_HOME!,
    global: join(home.env.HOME!, '.buttons'),
    source: 'env',
  });
  const dir = ws.pressedDir('busy');
  mkdirSync(dir, { recursive: true });
  const start = Date.parse('2026-01-01T00:00:00Z');
  const db = ws.state();
  for (let i = 0; i < count; i++) {
    const at = new Date(start + i * 1000);
    const id = `${at.toISOString().replace(/[-:]/g, '').replace('.', '')}-${i.toString(16).padStart(12, '0')}`;
    const record: RunRecord = {
      schema_version: 1,
      run_id: id,
      button_name: 'busy',
      runtime: 'shell',
      status: i % 17 === 0 ? 'error' : 'ok',
      exit_code: i % 17 === 0 ? 1 : 0,
      started_at: at.toISOString(),
      finished_at: at.toISOString(),
      duration_ms: 5,
      args: {},
      stdout: 'hi\n',
      stderr: '',
      truncated: { stdout: false, stderr: false },
    };
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(record));
    db.insertRun(indexRowOf(record), 0);
  }
  ws.close();
}

const small = tempHome();
const large = tempHome();
try {
  seed(small, 10);
  const t = performance.now();
  seed(large, 100_000);
  console.log(`seeded 100 000 runs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const args = [BIN, 'history', 'busy', '--last', '20'];
  const stats = compare([
    { label: 'history --last 20 (10 runs)', argv: [process.execPath, ...args], options: { env: small.env } },
    {
      label: 'history --last 20 (100 000 runs)',
      argv: [process.execPath, ...args],
      options: { env: large.env },
    },
  ]);
  const base = stats[0]!.p50;
  table(
    'history at scale (ms, wall clock)',
    stats.map((s) => [s.label, ms(s.p50), ms(s.p90), (s.p50 / base).toFixed(2)]),
    ['command', 'p50', 'p90', 'ratio (p50)'],
  );
  console.log(`target: ≤ 1.5 × → ${(stats[1]!.p50 / base).toFixed(2)} ×`);
} finally {
  small.cleanup();
  large.cleanup();
}
