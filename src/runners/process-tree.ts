/**
 * Finds and signals every process that belongs to a press: its process group, its descendants by parent
 * id, and any process carrying the press's tag in its environment — which catches children that called
 * setsid or double-forked and were re-parented away from us.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';

export const PRESS_TAG_VAR = 'BUTTONS_PRESS_TAG';

const PF_KTHREAD = 0x00200000;

interface Stat {
  state: string;
  flags: number;
  /** Start time in clock ticks after boot. */
  started: string;
}

/** State letter, flags and start time from /proc/PID/stat, or undefined once the process is gone. */
function readStat(pid: number | 'self'): Stat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name may contain spaces and parentheses: the fields follow the last ")" (field 3 on).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', flags: Number(fields[6]), started: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** A process as a pid and its start time (ticks after boot): a pid handed out again is someone else. */
export interface ProcessIdentity {
  pid: number;
  started: string;
}

export function selfIdentity(): ProcessIdentity {
  return { pid: process.pid, started: readStat('self')?.started ?? '' };
}

/** Whether that very process still runs (not a zombie, not a newer process with the same pid). */
export function isRunning(who: ProcessIdentity): boolean {
  const stat = readStat(who.pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X' && stat.started === who.started;
}

/** The stat of a process that is still running (not a zombie), else undefined. */
function liveStat(pid: number): Stat | undefined {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X' ? stat : undefined;
}

function isLive(pid: number): boolean {
  return liveStat(pid) !== undefined;
}

/** A live user process (kernel threads and init also show an empty environment, but are never ours). */
function isLiveUserProcess(pid: number): boolean {
  const stat = pid > 1 ? liveStat(pid) : undefined;
  return stat !== undefined && (stat.flags & PF_KTHREAD) === 0;
}

type TagState = 'tagged' | 'untagged' | 'unknown';

/** A process in the middle of execve shows an empty environment for a moment: that is 'unknown', not 'untagged'. */
function tagState(pid: number, needle: Buffer): TagState {
  // Most pids in the range are gone already: ask without an exception for each.
  if (statSync(`/proc/${pid}`, { throwIfNoEntry: false }) === undefined) return 'untagged';
  try {
    const environ = readFileSync(`/proc/${pid}/environ`);
    if (environ.includes(needle)) return 'tagged';
    return environ.length === 0 && isLiveUserProcess(pid) ? 'unknown' : 'untagged';
  } catch {
    return 'untagged';
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Tagged pids among `pids`, asking again (briefly, up to 20 times) about those caught mid-exec. */
function taggedAmong(pids: readonly number[], needle: Buffer): number[] {
  const tagged: number[] = [];
  let pending = pids;
  for (let round = 0; round <= 20 && pending.length > 0; round++) {
    if (round > 0) Atomics.wait(pause, 0, 0, 1);
    const unknown: number[] = [];
    for (const pid of pending) {
      const state = tagState(pid, needle);
      if (state === 'tagged') tagged.push(pid);
      else if (state === 'unknown') unknown.push(pid);
    }
    pending = unknown;
  }
  return tagged;
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

/** Direct children of every thread of `pid` (the kernel keeps this list; no full /proc walk needed). */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1').trim();
      return text === '' ? [] : text.split(' ').map(Number);
    });
  } catch {
    return [];
  }
}

/** The last pid the kernel handed out; pids grow until they wrap at pid_max. */
export function lastPid(): number | undefined {
  try {
    return Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'latin1'));
  } catch {
    return undefined;
  }
}

/**
 * Pids that may belong to a press that started when the last pid was `floor`: only newer ones, unless the
 * counter wrapped since (then all). A press that forks a whole pid_max cycle could hide from this filter;
 * the process group and child links still catch its direct line.
 */
function candidatePids(floor: number | undefined): number[] {
  const last = lastPid();
  if (floor === undefined || last === undefined || last < floor) return listPids();
  // Few pids are handed out during a press: asking about each is cheaper than listing /proc.
  if (last - floor <= MAX_PID_RANGE) return Array.from({ length: last - floor }, (_, i) => floor + 1 + i);
  return listPids().filter((pid) => pid > floor);
}

const MAX_PID_RANGE = 2048;

/** Live (non-zombie) processes of the press: descendants of `rootPid` and of every process tagged `tag`. */
export function findPressProcesses(rootPid: number | undefined, tag: string, floor?: number): number[] {
  const self = process.pid;
  const needle = Buffer.from(`${PRESS_TAG_VAR}=${tag}\0`);
  const stack = taggedAmong(
    candidatePids(floor).filter((pid) => pid !== self),
    needle,
  );
  if (rootPid !== undefined) stack.push(rootPid);
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid) || pid === self) continue;
    seen.add(pid);
    stack.push(...childrenOf(pid));
  }
  return [...seen].filter(isLive);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone, or not ours to signal.
  }
}

/**
 * Stops every process of the press, rescanning until no new one appears, and returns them. Signalling a
 * frozen tree is race-free: a parent cannot react to its child's death (say, run its next command)
 * before its own signal lands.
 */
function freeze(rootPid: number | undefined, tag: string, floor: number | undefined): number[] {
  if (rootPid !== undefined) signal(-rootPid, 'SIGSTOP');
  const stopped = new Set<number>();
  for (let round = 0; round < 20; round++) {
    const fresh = findPressProcesses(rootPid, tag, floor).filter((pid) => !stopped.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP');
      stopped.add(pid);
    }
  }
  return [...stopped];
}

/** Freezes the press, sends `sig` to all of it, then lets it run (so TERM handlers get their grace). */
function signalFrozen(rootPid: number | undefined, tag: string, sig: NodeJS.Signals, floor?: number): number {
  const pids = freeze(rootPid, tag, floor);
  if (rootPid !== undefined) signal(-rootPid, sig);
  for (const pid of pids) signal(pid, sig);
  if (rootPid !== undefined) signal(-rootPid, 'SIGCONT');
  for (const pid of pids) signal(pid, 'SIGCONT');
  return pids.length;
}

/** Whether any process is left in the group the press's first process led. */
function groupAlive(rootPid: number | undefined): boolean {
  if (rootPid === undefined) return false;
  try {
    process.kill(-rootPid, 0);
    return true;
  } catch (error) {
    // EPERM: a member we may not signal is still a member.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends every process of the press: SIGTERM, up to `graceMs` for them to go, then SIGKILL until none is left.
 * Returns when no tagged process remains (or after a bounded number of SIGKILL rounds).
 */
export async function endPress(
  rootPid: number | undefined,
  tag: string,
  graceMs: number,
  floor?: number,
): Promise<void> {
  // The usual end: the script exited and left nothing. With no process of the press alive — none in its
  // group, none tagged, none below it — none can appear either, so there is nothing to freeze or signal.
  if (!groupAlive(rootPid) && findPressProcesses(rootPid, tag, floor).length === 0) return;
  if (signalFrozen(rootPid, tag, 'SIGTERM', floor) === 0) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(Math.min(25, graceMs));
    if (findPressProcesses(rootPid, tag, floor).length === 0) return;
  }
  for (let round = 0; round < 40; round++) {
    if (signalFrozen(rootPid, tag, 'SIGKILL', floor) === 0) return;
    await sleep(25);
  }
}
