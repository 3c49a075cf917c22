/** Keeps the registry of live runs small: runs long over are forgotten, now and then. */
import type { DatabaseSync } from 'node:sqlite';
import { withWriteLock } from './sandbox-db.ts';

/** How often one process forgets stale runs: every run would rescan the whole table. */
const PRUNE_EVERY_MS = 10 * 60_000;
const prunedAt = new Map<string, number>();

/** Forgets runs that ended a day ago (or never said so within a week), with their revocations. */
export function pruneStaleRuns(db: DatabaseSync, dataRoot: string): void {
  const now = Date.now();
  if (now - (prunedAt.get(dataRoot) ?? Number.NEGATIVE_INFINITY) < PRUNE_EVERY_MS) return;
  prunedAt.set(dataRoot, now);
  const dayAgo = new Date(now - 86_400_000).toISOString();
  const weekAgo = new Date(now - 7 * 86_400_000).toISOString();
  const stale = 'SELECT run_id FROM sandbox_runs WHERE finished_at < ? OR started_at < ?';
  withWriteLock(db, () => {
    db.prepare(`DELETE FROM sandbox_revocations WHERE run_id IN (${stale})`).run(dayAgo, weekAgo);
    db.prepare(`DELETE FROM sandbox_runs WHERE run_id IN (${stale})`).run(dayAgo, weekAgo);
  });
}
