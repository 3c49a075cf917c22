/**
 * Added time per press of a sandboxed script button (bubblewrap) over the same script unsandboxed
 * (target ≤ 5 ms). Three views: the cold CLI; a warm host (the press pipeline in-process, as `serve` and
 * drawers run it), where nothing but the sandbox differs; and the bare bwrap command line the press
 * builds, spawned directly, which is the floor bubblewrap itself sets on this machine.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { press } from '../src/press/pipeline.ts';
import { Workspace } from '../src/store/workspace.ts';
import { BIN, buttons, compare, ms, table, tempHome } from './lib.ts';

const RUNS = 60;

function percentiles(samples: number[]): { p50: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor((sorted.length - 1) / 2)]!, min: sorted[0]! };
}

/** Runs both sides round-robin (so machine load hits them alike) and returns their p50 and min. */
async function sideBySide(plain: () => unknown, boxed: () => unknown) {
  const samples = { plain: [] as number[], boxed: [] as number[] };
  for (let i = 0; i < RUNS + 5; i++) {
    for (const side of ['plain', 'boxed'] as const) {
      const start = performance.now();
      await (side === 'plain' ? plain : boxed)();
      if (i >= 5) samples[side].push(performance.now() - start);
    }
  }
  return { plain: percentiles(samples.plain), boxed: percentiles(samples.boxed) };
}

const home = tempHome();
try {
  buttons(home, ['create', 'plain', '--code', 'echo hi']);
  buttons(home, ['create', 'boxed', '--code', 'echo hi', '--sandbox']);
  const node = process.execPath;
  const cli = (name: string) => ({
    label: name,
    argv: [node, BIN, 'press', name, '--json'],
    options: { env: home.env },
  });
  const [plainCli, boxedCli] = compare([cli('plain'), cli('boxed')], 30, 3);

  const ws = new Workspace({
    root: home.env.BUTTONS_HOME!,
    global: join(home.env.HOME!, '.buttons'),
    source: 'env',
  });
  const warmPress = (name: string) => async () => {
    const result = await press(ws, name, { args: {}, env: home.env, cwd: home.dir });
    if (!result.ok) throw new Error(`${name} failed`);
  };
  const warm = await sideBySide(warmPress('plain'), warmPress('boxed'));

  const dry = JSON.parse(buttons(home, ['press', 'boxed', '--dry-run', '--json'])).data.plan
    .command as string[];
  const script = dry.slice(dry.indexOf('--') + 1);
  const run = (argv: string[]) => () => spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  const bare = await sideBySide(run([script.at(-2)!, script.at(-1)!]), run(dry));
  ws.close();

  const row = (
    where: string,
    s: { plain: { p50: number; min: number }; boxed: { p50: number; min: number } },
  ) => [
    where,
    ms(s.plain.p50),
    ms(s.boxed.p50),
    ms(s.boxed.p50 - s.plain.p50),
    ms(s.boxed.min - s.plain.min),
    (s.boxed.p50 / s.plain.p50).toFixed(2),
  ];
  table(
    'sandboxed vs unsandboxed press of `echo hi` (ms)',
    [
      row('cold CLI press', {
        plain: { p50: plainCli!.p50, min: plainCli!.min },
        boxed: { p50: boxedCli!.p50, min: boxedCli!.min },
      }),
      row('warm host (in-process press)', warm),
      row('bare spawn: sh vs the bwrap command', bare),
    ],
    ['where', 'unsandboxed p50', '--sandbox p50', 'added p50', 'added min', 'ratio p50'],
  );
  const added = warm.boxed.p50 - warm.plain.p50;
  console.log(
    `\nadded per press (warm host, p50): ${ms(added)} ms — target ≤ 5 ms: ${added <= 5 ? 'met' : 'NOT met'}`,
  );
} finally {
  home.cleanup();
}
