/**
 * Cold `buttons press` of a trivial shell button vs `node -e 0` on the same Node (target ≤ 1.5×). A
 * reference row shows what the least durable press costs here (bench/fixtures/minimal-press.cjs: spawn,
 * fsynced record, SQLite row, no validation or redaction), so the table separates the floor that Node,
 * the kernel and the disk set from what buttons adds.
 */
import { join } from 'node:path';
import { BIN, buttons, compare, ms, table, tempHome } from './lib.ts';

const home = tempHome();
try {
  buttons(home, ['create', 'noop', '--code', 'true']);
  const stats = compare([
    { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
    {
      label: 'minimal durable press (reference)',
      argv: [process.execPath, join(import.meta.dirname, 'fixtures', 'minimal-press.cjs'), 'noop'],
      options: { env: home.env },
    },
    {
      label: 'buttons press noop',
      argv: [process.execPath, BIN, 'press', 'noop'],
      options: { env: home.env },
    },
  ]);
  const base = stats[0]!.p50;
  table(
    'cold press (ms, wall clock)',
    stats.map((s) => [s.label, ms(s.p50), ms(s.p90), ms(s.min), (s.p50 / base).toFixed(2)]),
    ['command', 'p50', 'p90', 'min', 'ratio (p50)'],
  );
  console.log(`target: press ≤ 1.5 × node -e 0 → ${(stats[2]!.p50 / base).toFixed(2)} ×`);
} finally {
  home.cleanup();
}
