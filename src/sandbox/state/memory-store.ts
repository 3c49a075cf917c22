/** `buttons:memory`: a small persistent key/value store per program or button, in state.db. */
import type { DatabaseSync } from 'node:sqlite';
import { sandboxDb } from './sandbox-db.ts';

export interface MemoryStore {
  get(key: string): string | undefined;
  set(key: string, json: string): void;
  delete(key: string): boolean;
  keys(prefix: string): string[];
  clear(): void;
}

export const MEMORY_LIMITS = { keyChars: 256, valueBytes: 1024 * 1024, keys: 10_000 } as const;

export function openMemory(dataRoot: string, namespace: string): MemoryStore {
  let db: DatabaseSync | undefined;
  const conn = () => {
    db ??= sandboxDb(dataRoot);
    return db;
  };
  return {
    get(key) {
      const row = conn()
        .prepare('SELECT value FROM sandbox_memory WHERE namespace = ? AND key = ?')
        .get(namespace, key) as { value: string } | undefined;
      return row?.value;
    },
    set(key, json) {
      const now = new Date().toISOString();
      conn()
        .prepare(
          `INSERT INTO sandbox_memory (namespace, key, value, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(namespace, key, json, now);
    },
    delete(key) {
      return (
        conn().prepare('DELETE FROM sandbox_memory WHERE namespace = ? AND key = ?').run(namespace, key)
          .changes > 0
      );
    },
    keys(prefix) {
      const rows = conn()
        .prepare('SELECT key FROM sandbox_memory WHERE namespace = ? AND substr(key, 1, ?) = ? ORDER BY key')
        .all(namespace, prefix.length, prefix) as { key: string }[];
      return rows.map((r) => r.key);
    },
    clear() {
      conn().prepare('DELETE FROM sandbox_memory WHERE namespace = ?').run(namespace);
    },
  };
}
