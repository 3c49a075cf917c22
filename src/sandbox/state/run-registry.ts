/**
 * Live sandbox runs and their revocations, in state.db. A run registers before its program starts and
 * reads revocations newer than the generation it has seen before each check; `buttons revoke` (another
 * process) commits a new generation before it returns.
 */
import type { DatabaseSync } from 'node:sqlite';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import type { RevocableCap, Revocation, RevocationSource } from '../grants/revocations.ts';
import { pruneStaleRuns } from './prune-runs.ts';
import { sandboxDb, withWriteLock } from './sandbox-db.ts';

export interface RegisteredRun {
  source: RevocationSource;
  finish(): void;
}

export function registerRun(dataRoot: string, runId: string): RegisteredRun {
  const db = sandboxDb(dataRoot);
  pruneStaleRuns(db, dataRoot);
  const sql = statements(db);
  // Committed before the program starts, so `buttons revoke` can reach the run from its first check.
  sql.insert.run(runId, process.pid, new Date().toISOString());
  const newer = sql.newer;
  return {
    source: {
      since(after) {
        const rows = newer.all(runId, after) as {
          generation: number;
          cap: string;
          resource: string | null;
        }[];
        return rows.map((r) => ({
          generation: r.generation,
          cap: r.cap as RevocableCap,
          resource: r.resource ?? undefined,
        }));
      },
    },
    finish() {
      if (db.isOpen) sql.finish.run(new Date().toISOString(), runId);
    },
  };
}

/** The registry's statements, prepared once per connection. */
const prepared = new WeakMap<DatabaseSync, ReturnType<typeof prepare>>();

function prepare(db: DatabaseSync) {
  return {
    insert: db.prepare('INSERT INTO sandbox_runs (run_id, pid, started_at) VALUES (?, ?, ?)'),
    newer: db.prepare(
      'SELECT generation, cap, resource FROM sandbox_revocations WHERE run_id = ? AND generation > ? ORDER BY generation',
    ),
    finish: db.prepare('UPDATE sandbox_runs SET finished_at = ? WHERE run_id = ?'),
  };
}

function statements(db: DatabaseSync): ReturnType<typeof prepare> {
  let sql = prepared.get(db);
  if (!sql) {
    sql = prepare(db);
    prepared.set(db, sql);
  }
  return sql;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records revocations for a live run, each with the next generation, committed before returning. */
export function revokeInRun(
  dataRoot: string,
  runId: string,
  items: readonly { cap: RevocableCap; resource: string | undefined }[],
): Revocation[] {
  const db = sandboxDb(dataRoot);
  return withWriteLock(db, () => {
    const run = db.prepare('SELECT pid, finished_at FROM sandbox_runs WHERE run_id = ?').get(runId) as
      | { pid: number; finished_at: string | null }
      | undefined;
    if (!run)
      throw new ButtonsError(
        ErrorCode.NOT_FOUND,
        `no sandbox run ${runId}`,
        'Run ids are printed by `buttons run` when it starts.',
      );
    if (run.finished_at !== null || !isAlive(run.pid)) {
      throw new ButtonsError(ErrorCode.NOT_FOUND, `sandbox run ${runId} is not running any more`);
    }
    const top = db
      .prepare('SELECT COALESCE(MAX(generation), 0) AS g FROM sandbox_revocations WHERE run_id = ?')
      .get(runId) as { g: number };
    const insert = db.prepare(
      'INSERT INTO sandbox_revocations (run_id, generation, cap, resource, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    const now = new Date().toISOString();
    return items.map((item, i) => {
      const generation = top.g + i + 1;
      insert.run(runId, generation, item.cap, item.resource ?? null, now);
      return { generation, cap: item.cap, resource: item.resource };
    });
  });
}
