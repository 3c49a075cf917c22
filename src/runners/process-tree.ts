/**
 * Finds and signals every process that belongs to a press: its process group, its descendants by parent
 * id, and any process carrying the press's tag in its environment — which catches children that called
 * setsid or double-forked and were re-parented away from us.
 */
import { readdirSync, readFileSync } from 'node:fs';

export const PRESS_TAG_VAR = 'BUTTONS_PRESS_TAG';

interface ProcInfo {
  pid: number;
  ppid: number;
}

function readStat(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name may contain spaces and parentheses: fields start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    if (state === 'Z' || state === 'X') return undefined;
    return { pid, ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

function hasTag(pid: number, needle: Buffer): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`).includes(needle);
  } catch {
    return false;
  }
}

function listPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => name.charCodeAt(0) >= 48 && name.charCodeAt(0) <= 57)
      .map(Number);
  } catch {
    return [];
  }
}

/** Live (non-zombie) processes of the press rooted at `rootPid` and tagged with `tag`. */
export function findPressProcesses(rootPid: number | undefined, tag: string): number[] {
  const self = process.pid;
  const needle = Buffer.from(`${PRESS_TAG_VAR}=${tag}\0`);
  const infos = listPids()
    .map(readStat)
    .filter((info): info is ProcInfo => info !== undefined && info.pid !== self);
  const found = new Set<number>();
  const children = new Map<number, number[]>();
  for (const info of infos) {
    const list = children.get(info.ppid) ?? [];
    list.push(info.pid);
    children.set(info.ppid, list);
    if (hasTag(info.pid, needle)) found.add(info.pid);
  }
  const stack = rootPid !== undefined && infos.some((i) => i.pid === rootPid) ? [rootPid] : [];
  stack.push(...found);
  while (stack.length > 0) {
    const pid = stack.pop()!;
    found.add(pid);
    for (const child of children.get(pid) ?? []) if (!found.has(child)) stack.push(child);
  }
  return [...found];
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone, or not ours to signal.
  }
}

/** Signals the group led by `rootPid` and every process of the press; returns how many were signalled. */
export function signalPress(rootPid: number | undefined, tag: string, sig: NodeJS.Signals): number {
  if (rootPid !== undefined) signal(-rootPid, sig);
  const pids = findPressProcesses(rootPid, tag);
  for (const pid of pids) signal(pid, sig);
  return pids.length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends every process of the press: SIGTERM, up to `graceMs` for them to go, then SIGKILL until none is left.
 * Returns when no tagged process remains (or after a bounded number of SIGKILL rounds).
 */
export async function endPress(rootPid: number | undefined, tag: string, graceMs: number): Promise<void> {
  if (signalPress(rootPid, tag, 'SIGTERM') === 0) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(Math.min(25, graceMs));
    if (findPressProcesses(rootPid, tag).length === 0) return;
  }
  for (let round = 0; round < 40; round++) {
    if (signalPress(rootPid, tag, 'SIGKILL') === 0) return;
    await sleep(25);
  }
}
