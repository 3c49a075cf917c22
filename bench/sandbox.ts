/**
 * Sandbox benchmarks, each against its baseline in the same run:
 *  - create + run a trivial program in a warm host, p50 (target ≤ 5 ms) vs a cold `deno run` (≥ 3× faster);
 *  - cold `buttons run hello.js` vs `node --no-node-snapshot -e 0` (target ≤ 1.3×), with `node -e 0` and Deno;
 *  - resident memory of 100 live sandboxes (target ≤ 3 MB each).
 * The warm-host part hosts isolates itself, so this script re-runs itself with --no-node-snapshot.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyGrants } from '../src/core/grants.ts';
import { keepSpareIsolate } from '../src/sandbox/engine/prepare.ts';
import { runProgram } from '../src/sandbox/runs/run-program.ts';
import { BIN, type Cmd, compare, ms, ROOT, table, tempHome } from './lib.ts';

if (!process.execArgv.includes('--no-node-snapshot')) {
  const r = spawnSync(process.execPath, ['--no-node-snapshot', ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

const DENO = join(ROOT, 'node_modules', '.bin', 'deno');
const home = tempHome();
const hello = join(home.dir, 'hello.js');
writeFileSync(hello, "console.log('hello');\n");
const helloTs = join(home.dir, 'hello.ts');
writeFileSync(helloTs, "const greeting: string = 'hello';\nconsole.log(greeting);\n");
const dataRoot = join(home.dir, 'data');
let runs = 0;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

function runOnce(entryPath: string) {
  return runProgram({
    entryPath,
    grants: emptyGrants(),
    cwd: home.dir,
    env: home.env,
    dataRoot,
    runId: `20260101T000000000Z-${(++runs).toString(16).padStart(12, '0')}`,
    write: () => {},
    memoryNamespace: 'bench',
  });
}

async function warmTimes(n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    // Idle time between requests, as a server has: a warm host prepares its spare isolate then.
    await new Promise((r) => setTimeout(r, 3));
    const start = performance.now();
    const result = await runOnce(hello);
    times.push(performance.now() - start);
    if (result.outcome.kind !== 'ok')
      throw new Error(`bench program failed: ${JSON.stringify(result.outcome)}`);
  }
  return times.sort((a, b) => a - b);
}

// --- 1. warm host: create + run
for (let i = 0; i < 20; i++) await runOnce(hello);
const fresh = await warmTimes(200);
keepSpareIsolate(true, 128);
const spare = await warmTimes(200);
keepSpareIsolate(false, 128);
const deno = compare(
  [{ label: 'deno run hello.js (cold)', argv: [DENO, 'run', hello], options: { env: home.env } }],
  20,
  2,
)[0]!;
const warmRows = [
  [
    'warm host, new isolate per run',
    ms(percentile(fresh, 0.5)),
    ms(percentile(fresh, 0.9)),
    `${(deno.p50 / percentile(fresh, 0.5)).toFixed(1)}×`,
  ],
  [
    'warm host, spare isolate ready',
    ms(percentile(spare, 0.5)),
    ms(percentile(spare, 0.9)),
    `${(deno.p50 / percentile(spare, 0.5)).toFixed(1)}×`,
  ],
  [deno.label, ms(deno.p50), ms(deno.p90), '1.0×'],
];
table('create + run a trivial program (target p50 ≤ 5 ms and ≥ 3× faster than cold deno)', warmRows, [
  'what',
  'p50 ms',
  'p90 ms',
  'vs deno',
]);

// --- 2. cold CLI
const env = { ...home.env, BUTTONS_HOME: dataRoot };
const cmds: Cmd[] = [
  { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  {
    label: 'node --no-node-snapshot -e 0 (floor)',
    argv: [process.execPath, '--no-node-snapshot', '-e', '0'],
  },
  { label: 'buttons version (the CLI alone)', argv: [process.execPath, BIN, 'version'], options: { env } },
  { label: 'buttons run hello.js', argv: [process.execPath, BIN, 'run', hello], options: { env } },
  {
    label: 'buttons run hello.ts (types cached)',
    argv: [process.execPath, BIN, 'run', helloTs],
    options: { env },
  },
  {
    label: 'node --no-node-snapshot bin/buttons.js run hello.js',
    argv: [process.execPath, '--no-node-snapshot', BIN, 'run', hello],
    options: { env },
  },
  { label: 'deno run hello.js', argv: [DENO, 'run', hello], options: { env } },
];
const cold = compare(cmds, 20, 2);
const floor = cold[1]!.p50;
table(
  'cold start (target: buttons run ≤ 1.3× the no-snapshot floor)',
  cold.map((s) => [s.label, ms(s.p50), ms(s.p90), `${(s.p50 / floor).toFixed(2)}×`]),
  ['command', 'p50 ms', 'p90 ms', 'vs floor'],
);

// --- 3. memory of 100 live sandboxes
const waiting = join(home.dir, 'wait.js');
writeFileSync(waiting, 'await new Promise((r) => setTimeout(r, 1500));\n');
globalThis.gc?.();
const before = process.memoryUsage().rss;
const live = Array.from({ length: 100 }, () => runOnce(waiting));
await new Promise((r) => setTimeout(r, 1000));
const during = process.memoryUsage().rss;
await Promise.all(live);
const perSandbox = (during - before) / 100 / 1024 / 1024;
table(
  'memory (target ≤ 3 MB per live sandbox)',
  [
    [
      '100 live sandboxes',
      `${((during - before) / 1024 / 1024).toFixed(1)} MB`,
      `${perSandbox.toFixed(2)} MB`,
    ],
  ],
  ['what', 'RSS growth', 'per sandbox'],
);

home.cleanup();
