/**
 * The sandbox's own tables in state.db, on a connection of its own: the registry of live runs,
 * revocations (with their generation counter) and the programs' persistent memory. Only CREATE TABLE IF
 * NOT EXISTS: the run index's schema is not touched.
 */
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { ensurePrivateDir } from '../../store/atomic-fs.ts';
import { openPrivateDatabase, withWriteLock } from '../../store/state-db.ts';

export { withWriteLock };

const TABLES = `
CREATE TABLE IF NOT EXISTS sandbox_runs (
  run_id TEXT NOT NULL PRIMARY KEY,
  pid INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sandbox_revocations (
  run_id TEXT NOT NULL,
  generation INTEGER NOT NULL,
  cap TEXT NOT NULL,
  resource TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (run_id, generation)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sandbox_memory (
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
`;

const opened = new Map<string, DatabaseSync>();

/** One connection per data root and process; tables created on first open. */
export function sandboxDb(dataRoot: string): DatabaseSync {
  const cached = opened.get(dataRoot);
  if (cached?.isOpen) return cached;
  ensurePrivateDir(dataRoot);
  const db = openPrivateDatabase(join(dataRoot, 'state.db'), (fresh) => {
    const present = fresh
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sandbox_memory'")
      .get() as { n: number };
    if (present.n === 0) withWriteLock(fresh, () => fresh.exec(TABLES));
  });
  opened.set(dataRoot, db);
  return db;
}
