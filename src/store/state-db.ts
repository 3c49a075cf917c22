/**
 * state.db: the SQLite index of runs (and, later, queues, idempotency keys, trigger state, revocations).
 * WAL mode and a busy timeout let many CLI processes write at once; pressed/*.json stays the durable record.
 */
import { chmodSync, closeSync, openSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { RunIndexRow } from '../core/run-record.ts';
import { FILE_MODE } from './atomic-fs.ts';

const SCHEMA_VERSION = 3;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  error_type TEXT,
  exit_code INTEGER,
  started_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS runs_by_name ON runs(kind, name, run_id);
CREATE INDEX IF NOT EXISTS runs_by_status ON runs(status, run_id);
-- Version 2 remembered validated files here; they live in cache/validated/ now (validated-cache.ts).
DROP TABLE IF EXISTS validated_files;
CREATE TABLE IF NOT EXISTS run_counts (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (kind, name)
) WITHOUT ROWID;
`;

export interface StateDb {
  insertRun(row: RunIndexRow, keep: number): string[];
  lastRuns(kind: RunIndexRow['kind'], name: string | undefined, limit: number): RunIndexRow[];
  latestRunId(kind: RunIndexRow['kind'], name: string): string | undefined;
  recentFailures(limit: number): RunIndexRow[];
  countRuns(): { total: number; failed: number };
  forgetRuns(kind: RunIndexRow['kind'], name: string): void;
  close(): void;
}

function touchPrivate(path: string): void {
  closeSync(openSync(path, 'a', FILE_MODE));
  chmodSync(path, FILE_MODE);
}

/** Runs `fn` in a write transaction taken up front, so concurrent writers queue instead of deadlocking. */
export function withWriteLock<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** Prepares a statement on first use: most commands need two or three of them. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/**
 * Opens state.db (0600, WAL, a busy timeout for concurrent processes) and lets `migrate` create what it
 * needs. Shared by the run index and the sandbox's own tables.
 */
export function openPrivateDatabase(path: string, migrate: (db: DatabaseSync) => void): DatabaseSync {
  touchPrivate(path);
  const db = new DatabaseSync(path, { timeout: 15_000 });
  db.exec('PRAGMA busy_timeout = 15000');
  // WAL is a property of the file: cheap to ask for again, and only the first opener changes it.
  db.exec('PRAGMA journal_mode = WAL');
  migrate(db);
  db.exec('PRAGMA synchronous = NORMAL');
  for (const suffix of ['-wal', '-shm']) {
    try {
      chmodSync(path + suffix, FILE_MODE);
    } catch {
      // Not created yet; SQLite gives them the database file's mode when it does.
    }
  }
  return db;
}

export function openStateDb(path: string): StateDb {
  const db = openPrivateDatabase(path, (fresh) => {
    const version = (fresh.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version === SCHEMA_VERSION) return;
    withWriteLock(fresh, () => {
      fresh.exec(SCHEMA);
      fresh.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
  });

  const insert = lazy(() =>
    db.prepare(
      `INSERT INTO runs (run_id, kind, name, status, error_type, exit_code, started_at, duration_ms)
     VALUES (:run_id, :kind, :name, :status, :error_type, :exit_code, :started_at, :duration_ms)`,
    ),
  );
  const bump = lazy(() =>
    db.prepare(
      `INSERT INTO run_counts (kind, name, n) VALUES (?, ?, 1)
     ON CONFLICT (kind, name) DO UPDATE SET n = n + 1 RETURNING n`,
    ),
  );
  const oldest = lazy(() =>
    db.prepare('SELECT run_id FROM runs WHERE kind = ? AND name = ? ORDER BY run_id LIMIT ?'),
  );
  const remove = lazy(() => db.prepare('DELETE FROM runs WHERE run_id = ?'));
  const setCount = lazy(() => db.prepare('UPDATE run_counts SET n = ? WHERE kind = ? AND name = ?'));
  const columns = 'run_id, kind, name, status, error_type, exit_code, started_at, duration_ms';
  const lastByName = lazy(() =>
    db.prepare(`SELECT ${columns} FROM runs WHERE kind = ? AND name = ? ORDER BY run_id DESC LIMIT ?`),
  );
  const lastAll = lazy(() =>
    db.prepare(`SELECT ${columns} FROM runs WHERE kind = ? ORDER BY run_id DESC LIMIT ?`),
  );
  const failures = lazy(() =>
    db.prepare(`SELECT ${columns} FROM runs WHERE status != 'ok' ORDER BY run_id DESC LIMIT ?`),
  );

  return {
    /** Indexes a run; returns the ids pruned by retention (`keep` runs per name; 0 keeps all). */
    insertRun(row, keep) {
      return withWriteLock(db, () => {
        insert().run({ ...row });
        const { n } = bump().get(row.kind, row.name) as { n: number };
        if (keep <= 0 || n <= keep) return [];
        const pruned = (oldest().all(row.kind, row.name, n - keep) as { run_id: string }[]).map(
          (r) => r.run_id,
        );
        for (const id of pruned) remove().run(id);
        setCount().run(keep, row.kind, row.name);
        return pruned;
      });
    },
    lastRuns(kind, name, limit) {
      const rows = name === undefined ? lastAll().all(kind, limit) : lastByName().all(kind, name, limit);
      return rows as unknown as RunIndexRow[];
    },
    latestRunId(kind, name) {
      const row = lastByName().get(kind, name, 1) as { run_id: string } | undefined;
      return row?.run_id;
    },
    recentFailures(limit) {
      return failures().all(limit) as unknown as RunIndexRow[];
    },
    countRuns() {
      const total = (db.prepare('SELECT COALESCE(SUM(n), 0) AS t FROM run_counts').get() as { t: number }).t;
      const failed = (
        db.prepare("SELECT COUNT(*) AS f FROM runs WHERE status != 'ok'").get() as { f: number }
      ).f;
      return { total, failed };
    },
    forgetRuns(kind, name) {
      withWriteLock(db, () => {
        db.prepare('DELETE FROM runs WHERE kind = ? AND name = ?').run(kind, name);
        db.prepare('DELETE FROM run_counts WHERE kind = ? AND name = ?').run(kind, name);
      });
    },
    close() {
      db.close();
    },
  };
}
