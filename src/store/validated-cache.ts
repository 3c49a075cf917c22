/**
 * Which file contents already passed their schema, so a cold press can trust them without loading the
 * schema library. One small file per validated path under `cache/validated/` in the data directory,
 * holding the version whose schema passed it, the path and the content's fingerprint: a hand edit changes
 * the fingerprint, an upgrade the version, and either means validating again. Plain files rather than
 * state.db, so a press reads its spec without opening SQLite (it opens the index while the script runs).
 * Losing an entry only costs a validation.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../core/fingerprint.ts';
import { VERSION } from '../core/version.ts';
import { ensurePrivateDir, writeFileAtomic } from './atomic-fs.ts';

export interface ValidatedCache {
  /** True when exactly this content of `path` passed its schema before. */
  has(path: string, contentPrint: string): boolean;
  add(path: string, contentPrint: string): void;
  /** Drops the entry of a file that is gone (a deleted button's spec). */
  forget(path: string): void;
}

export function validatedCache(root: string): ValidatedCache {
  const dir = join(root, 'cache', 'validated');
  const entryFile = (path: string) => join(dir, fingerprint(path));
  const entry = (path: string, contentPrint: string) => `${VERSION}\n${path}\n${contentPrint}\n`;
  return {
    has(path, contentPrint) {
      try {
        return readFileSync(entryFile(path), 'utf8') === entry(path, contentPrint);
      } catch {
        return false;
      }
    },
    add(path, contentPrint) {
      ensurePrivateDir(dir, root);
      writeFileAtomic(entryFile(path), entry(path, contentPrint));
    },
    forget(path) {
      rmSync(entryFile(path), { force: true });
    },
  };
}
