/** Run records: `pressed/<run-id>.json` is the durable record, state.db its index. */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { isRunId } from '../core/run-id.ts';
import { indexRowOf, type RunIndexRow, type RunRecord } from '../core/run-record.ts';
import { createFileAtomic } from './atomic-fs.ts';
import { readJsonFile } from './json-file.ts';
import type { Workspace } from './workspace.ts';

export function recordPath(ws: Workspace, name: string, runId: string): string {
  if (!isRunId(runId)) {
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `run id ${JSON.stringify(runId)} is not a run id`);
  }
  return join(ws.pressedDir(name), `${runId}.json`);
}

/** Writes the record (fsynced, never over another) and then indexes it; prunes past the retention bound. */
export function saveRecord(ws: Workspace, record: RunRecord, keepPerButton: number): void {
  const path = recordPath(ws, record.button_name, record.run_id);
  const text = `${JSON.stringify(record, null, 2)}\n`;
  try {
    createFileAtomic(path, text, { durable: true });
  } catch (error) {
    // The button's first run: its pressed/ folder is made then (private), not checked on every press.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    ws.ensure(ws.pressedDir(record.button_name));
    createFileAtomic(path, text, { durable: true });
  }
  const pruned = ws.state().insertRun(indexRowOf(record), keepPerButton);
  if (pruned.length > 0) removeRunFiles(ws, record.button_name, new Set(pruned));
}

/** Removes every file of the given runs (`<id>.json`, `<id>.trace.ndjson`, …) together. */
function removeRunFiles(ws: Workspace, name: string, runIds: ReadonlySet<string>): void {
  const dir = ws.pressedDir(name);
  for (const file of readdirSync(dir)) {
    const id = file.slice(0, file.indexOf('.'));
    if (runIds.has(id)) rmSync(join(dir, file), { force: true });
  }
}

export function readRecord(ws: Workspace, name: string, runId: string): RunRecord {
  const path = recordPath(ws, name, runId);
  const raw = readJsonFile(path);
  if (raw === undefined) throw new ButtonsError(ErrorCode.NOT_FOUND, `run ${runId} of "${name}" not found`);
  return raw as RunRecord;
}

export function latestRecord(ws: Workspace, name: string): RunRecord {
  const runId = ws.state().latestRunId('button', name);
  if (runId === undefined) {
    throw new ButtonsError(
      ErrorCode.NOT_FOUND,
      `button "${name}" has no runs yet`,
      `Press it: buttons press ${name}`,
    );
  }
  return readRecord(ws, name, runId);
}

export function lastRuns(ws: Workspace, name: string | undefined, limit: number): RunIndexRow[] {
  return ws.state().lastRuns('button', name, limit);
}
