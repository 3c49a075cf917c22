/**
 * Presses under way, one small file each in `<data>/running/`: which buttons process runs the press and
 * what its record needs. A press whose process died without finishing it (SIGKILL, the OOM killer) leaves
 * its file behind, and its script — started in a session of its own — keeps running with no one to end
 * it. The next command that opens the data directory finds such files, ends every process still carrying
 * the press's tag, and records the run as CANCELLED.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '../core/errors.ts';
import { isValidName } from '../core/names.ts';
import { isRunId } from '../core/run-id.ts';
import type { RunRecord } from '../core/run-record.ts';
import { endPress, isRunning, type ProcessIdentity, selfIdentity } from '../runners/process-tree.ts';
import type { RunRequest } from '../runners/runner.ts';
import { FILE_MODE } from '../store/atomic-fs.ts';
import { saveRecord } from '../store/history-store.ts';
import { readSettings } from '../store/settings.ts';
import type { Workspace } from '../store/workspace.ts';
import { shownArgs } from './record.ts';

interface Unfinished {
  run_id: string;
  button_name: string;
  runtime: string;
  started_at: string;
  /** As a record shows them: secret args and battery values already replaced by the redaction marker. */
  args: Record<string, string>;
  owner: ProcessIdentity;
  /**
   * Where its pid means something: the machine and its pid namespace. A data directory shared over the
   * network, or with a container, also holds notes whose pids are not this system's to judge.
   */
  place: string;
}

let self: ProcessIdentity | undefined;
let here: string | undefined;

function thisPlace(): string {
  if (here === undefined) {
    let namespace = '';
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      // No namespace to tell (an older kernel): the machine alone says where.
    }
    here = `${hostname()} ${namespace}`;
  }
  return here;
}

function runningDir(ws: Workspace): string {
  return join(ws.root, 'running');
}

/**
 * Notes the press as under way; the returned function removes the note once its record is saved. Best
 * effort: a press whose note cannot be written (say, a read-only data directory) still runs, unguarded.
 */
export function markUnfinished(ws: Workspace, request: RunRequest, startedAt: Date): () => void {
  try {
    return writeUnfinished(ws, request, startedAt);
  } catch {
    return () => {};
  }
}

function writeUnfinished(ws: Workspace, request: RunRequest, startedAt: Date): () => void {
  self ??= selfIdentity();
  const entry: Unfinished = {
    run_id: request.runId,
    button_name: request.spec.name,
    runtime: request.spec.runtime,
    started_at: startedAt.toISOString(),
    args: request.redactor.deep(shownArgs(request)),
    owner: self,
    place: thisPlace(),
  };
  const path = join(runningDir(ws), `${request.runId}.json`);
  // One small write, no temp file and rename: this is on every press. A note caught half-written (being
  // written now, or cut short by a crash in between) does not parse, and is never taken for a dead press.
  const text = JSON.stringify(entry);
  try {
    writeNote(path, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    ws.ensure(runningDir(ws));
    writeNote(path, text);
  }
  return () => {
    try {
      unlinkSync(path);
    } catch {
      // Already gone (the data directory was removed meanwhile): nothing left to clear.
    }
  };
}

function writeNote(path: string, text: string): void {
  const fd = openSync(path, 'wx', FILE_MODE);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function readEntry(path: string): Unfinished | undefined {
  try {
    const entry = JSON.parse(readFileSync(path, 'utf8')) as Unfinished;
    // A name that is not a slug never came from a press (the workspace would refuse it anyway).
    const whole =
      isRunId(entry.run_id) &&
      isValidName(entry.button_name) &&
      typeof entry.owner?.pid === 'number' &&
      typeof entry.place === 'string';
    return whole ? entry : undefined;
  } catch {
    // Half-written, not ours, or gone since the listing.
    return undefined;
  }
}

function cancelledRecord(entry: Unfinished, now: Date): RunRecord {
  const started = new Date(entry.started_at);
  return {
    schema_version: 1,
    run_id: entry.run_id,
    button_name: entry.button_name,
    runtime: entry.runtime,
    status: 'error',
    error_type: ErrorCode.CANCELLED,
    error: {
      code: ErrorCode.CANCELLED,
      message: `the press was cancelled: the buttons process running it (pid ${entry.owner.pid}) ended first; what it had started was ended at ${now.toISOString()} and its output is lost`,
    },
    exit_code: null,
    started_at: entry.started_at,
    finished_at: now.toISOString(),
    duration_ms: Math.max(0, now.getTime() - started.getTime()),
    args: entry.args,
    stdout: '',
    stderr: '',
    truncated: { stdout: false, stderr: false },
  };
}

/**
 * Ends and records the presses whose buttons process died under them. Two commands doing this at once
 * is harmless: ending processes twice changes nothing, and a record is never written over another.
 */
export async function reapUnfinished(ws: Workspace, now: () => Date = () => new Date()): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(runningDir(ws));
  } catch {
    return;
  }
  for (const name of names) {
    try {
      await reapNote(ws, join(runningDir(ws), name), now());
    } catch {
      // One note that cannot be acted on now does not keep the others from being.
    }
  }
}

async function reapNote(ws: Workspace, path: string, now: Date): Promise<void> {
  const entry = readEntry(path);
  if (entry === undefined) {
    // Being written right now, or cut short by a crash: only an old one is dropped.
    if (isStale(path, now)) rmSync(path, { force: true });
    return;
  }
  // Another machine's or container's press, or this very process still at work: not ours to end.
  if (entry.place !== thisPlace() || isRunning(entry.owner)) return;
  await reap(ws, entry, now);
  rmSync(path, { force: true });
}

const STALE_MS = 60_000;

function isStale(path: string, now: Date): boolean {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && now.getTime() - stat.mtimeMs > STALE_MS;
}

async function reap(ws: Workspace, entry: Unfinished, now: Date): Promise<void> {
  // Only processes carrying the press's tag, looked for among all pids (rare, so no pid floor is noted on
  // the hot path): the pid and group the press began with may be someone else's by now.
  await endPress(undefined, entry.run_id, 0);
  // A button deleted since has no history to add to.
  if (!existsSync(ws.buttonDir(entry.button_name))) return;
  try {
    saveRecord(ws, cancelledRecord(entry, now), (await readSettings(ws))['history.keep']);
  } catch {
    // Its record was saved before its process died (only the note was left), or another command
    // recorded it first: a record is never written over another. Its processes are ended either way.
  }
}

/** A press under way, as `summary` shows it. */
export interface PressUnderWay {
  run_id: string;
  button: string;
  started_at: string;
  pid: number;
  /** Noted on another machine or in another pid namespace sharing this data directory. */
  elsewhere: boolean;
}

/** The presses noted as under way (after reapUnfinished, the local ones are live), oldest first. */
export function pressesUnderWay(ws: Workspace): PressUnderWay[] {
  let names: string[];
  try {
    names = readdirSync(runningDir(ws));
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const entry = readEntry(join(runningDir(ws), name));
      if (entry === undefined) return [];
      return [
        {
          run_id: entry.run_id,
          button: entry.button_name,
          started_at: entry.started_at,
          pid: entry.owner.pid,
          elsewhere: entry.place !== thisPlace(),
        },
      ];
    })
    .sort((a, b) => a.started_at.localeCompare(b.started_at));
}
