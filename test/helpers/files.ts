/** Walks a directory tree for assertions about every file and folder in it. */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Entry {
  path: string;
  mode: number;
  isDir: boolean;
}

export function walk(root: string): Entry[] {
  const out: Entry[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    out.push({ path, mode: stat.mode & 0o777, isDir: stat.isDirectory() });
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return out;
}

/** Is a process with this pid alive (and not a zombie)? */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat[stat.lastIndexOf(')') + 2];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Pids of live processes whose command line contains `marker` (tests put a unique marker in sleeps). */
export function pidsWithMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'latin1').replaceAll('\0', ' ');
      if (cmdline.includes(marker) && isAlive(Number(name))) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
