/** Shared bench helpers: timed runs of whole commands, interleaved so machine drift hits both sides. */
import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'buttons.js');

export interface Cmd {
  label: string;
  argv: string[];
  options?: SpawnSyncOptions;
}

export interface Stats {
  label: string;
  runs: number;
  p50: number;
  p90: number;
  min: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

export function timeOnce(cmd: Cmd): number {
  const start = performance.now();
  const r = spawnSync(cmd.argv[0]!, cmd.argv.slice(1), { stdio: 'ignore', ...cmd.options });
  const elapsed = performance.now() - start;
  if (r.status !== 0) throw new Error(`${cmd.label} exited with ${r.status}`);
  return elapsed;
}

/** Runs every command `runs` times, round-robin, after `warmup` untimed rounds. */
export function compare(cmds: readonly Cmd[], runs = 30, warmup = 3): Stats[] {
  for (let i = 0; i < warmup; i++) for (const c of cmds) timeOnce(c);
  const samples = cmds.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [j, c] of cmds.entries()) samples[j]!.push(timeOnce(c));
  }
  return cmds.map((c, j) => {
    const sorted = samples[j]!.sort((a, b) => a - b);
    return {
      label: c.label,
      runs,
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      min: sorted[0]!,
    };
  });
}

export function table(title: string, rows: readonly (readonly string[])[], headers: readonly string[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n## ${title}\n${line(headers)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
}

export function ms(n: number): string {
  return n.toFixed(1);
}

export interface TempHome {
  dir: string;
  env: Record<string, string>;
  cleanup(): void;
}

export function tempHome(): TempHome {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'buttons-bench-')));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(dir, 'home'),
    BUTTONS_HOME: join(dir, 'data'),
  };
  return { dir, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function buttons(home: TempHome, args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: home.env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`buttons ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}
