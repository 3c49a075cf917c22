/** `buttons:fs` on the host: resolve the path, check the grant (one audited check), then access it safely. */
import type { Stats } from 'node:fs';
import type { OpTable } from '../engine/session.ts';
import type { CheckedPath, Checker } from '../grants/checker.ts';
import { absolutePath, resolveReal } from '../grants/fs-paths.ts';
import { type FsAccess, fsAllowed, within } from '../grants/fs-rules.ts';
import { fsErrorFor, record } from './op-args.ts';
import { listDir, lstatAt, mkdirAt, readBytes, removeAt, type Verify, writeBytes } from './safe-fs.ts';

export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface FsOpsContext {
  checker: Checker;
  cwd: string;
}

export function fsOps(ctx: FsOpsContext): OpTable {
  const { checker } = ctx;
  const target = (payload: unknown) => {
    const shown = String(record(payload).path ?? '');
    return { shown, real: resolveReal(absolutePath(ctx.cwd, shown)) };
  };
  /** A second look at the path actually reached: anything outside the grants is checked (and denied) again. */
  const verifier =
    (checked: CheckedPath): Verify =>
    (actual) => {
      if (actual !== checked.path && !fsAllowed(checker.grants.fs, actual, checked.access))
        checker.fs(actual, checked.access);
    };
  const guarded = <T>(shown: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw fsErrorFor(error, shown);
    }
  };
  const inAnyRoot = (real: string) =>
    checker.grants.all || checker.grants.fs.some((root) => within(root.path, real));
  const stat = (s: Stats) => ({
    size: s.size,
    isFile: s.isFile(),
    isDirectory: s.isDirectory(),
    isSymlink: s.isSymbolicLink(),
    mtime: s.mtimeMs,
    mode: s.mode & 0o7777,
  });

  return {
    'fs.read'(payload) {
      const { shown, real } = target(payload);
      const checked = checker.fs(real, 'r');
      const bytes = guarded(shown, () => readBytes(real, verifier(checked), MAX_FILE_BYTES));
      return record(payload).binary === true ? bytes.toString('base64') : bytes.toString('utf8');
    },
    'fs.write'(payload) {
      const { shown, real } = target(payload);
      const p = record(payload);
      const data =
        typeof p.base64 === 'string'
          ? Buffer.from(p.base64, 'base64')
          : Buffer.from(String(p.text ?? ''), 'utf8');
      if (data.length > MAX_FILE_BYTES) throw fsErrorFor({ code: 'EFBIG' }, shown);
      // Only where some grant reaches do we look whether the file exists, so a denial never tells.
      const exists = inAnyRoot(real) && guarded(shown, () => lstatAt(real, () => {})) !== undefined;
      const access: FsAccess = exists ? 'w' : 'c';
      const checked = checker.fs(real, access);
      guarded(shown, () => writeBytes(real, verifier(checked), data, p.append === true, exists));
      return null;
    },
    'fs.readDir'(payload) {
      const { shown, real } = target(payload);
      const checked = checker.fs(real, 'r');
      return guarded(shown, () => listDir(real, verifier(checked)));
    },
    'fs.stat'(payload) {
      const { shown, real } = target(payload);
      const checked = checker.fs(real, 'r');
      const found = guarded(shown, () => lstatAt(real, verifier(checked)));
      if (!found) throw fsErrorFor({ code: 'ENOENT' }, shown);
      return stat(found);
    },
    'fs.exists'(payload) {
      const { shown, real } = target(payload);
      const checked = checker.fs(real, 'r');
      return guarded(shown, () => lstatAt(real, verifier(checked))) !== undefined;
    },
    'fs.remove'(payload) {
      const { shown, real } = target(payload);
      const checked = checker.fs(real, 'd');
      guarded(shown, () => removeAt(real, verifier(checked), record(payload).recursive === true));
      return null;
    },
    'fs.mkdir'(payload) {
      const { shown, real } = target(payload);
      const checked = checker.fs(real, 'c');
      const verify = verifier(checked);
      guarded(shown, () => {
        if (record(payload).recursive !== true) return mkdirAt(real, verify);
        const parts = real.split('/').filter(Boolean);
        for (let i = 1; i <= parts.length; i++) {
          const step = `/${parts.slice(0, i).join('/')}`;
          if (lstatAt(step, () => {})?.isDirectory()) continue;
          // Each folder made on the way must itself be creatable under the grants.
          mkdirAt(step, (actual) => {
            if (!fsAllowed(checker.grants.fs, actual, 'c')) checker.fs(actual, 'c');
          });
        }
      });
      return null;
    },
  };
}
