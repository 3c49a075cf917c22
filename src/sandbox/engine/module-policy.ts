/**
 * Which module files a program may load. JS/TS files inside its own folder load freely; anything else —
 * a file outside that folder (also through a symlink), JSON data, the button's run history — needs a
 * file grant and is checked like any other read.
 */
import { normalisePath } from '../../core/grants.ts';
import type { Checker } from '../grants/checker.ts';
import { resolveReal } from '../grants/fs-paths.ts';
import { fsAllowed, within } from '../grants/fs-rules.ts';
import { fsErrorFor } from '../ops/op-args.ts';
import { readBytes } from '../ops/safe-fs.ts';
import type { ReadModule } from './module-loader.ts';

const CODE_FILE = /\.(js|mjs|ts|mts)$/i;
const MAX_MODULE_BYTES = 8 * 1024 * 1024;

export interface ModuleScope {
  /** The program's own folder (symlinks resolved). */
  root: string;
  /** The entry file itself, which the user named: it loads whatever its extension. */
  entry: string;
  /** Folders under the root that are never loaded implicitly (a button's pressed/). */
  hidden: readonly string[];
}

export function moduleReader(scope: ModuleScope, checker: Checker): ReadModule {
  const free = (real: string) =>
    real === scope.entry ||
    (within(scope.root, real) && CODE_FILE.test(real) && !scope.hidden.some((h) => within(h, real)));
  return (path) => {
    const real = resolveReal(normalisePath(path));
    const implicit = free(real);
    if (!implicit) checker.fs(real, 'r');
    try {
      const bytes = readBytes(
        real,
        (actual) => {
          if (actual !== real && !(implicit ? free(actual) : fsAllowed(checker.grants.fs, actual, 'r')))
            checker.fs(actual, 'r');
        },
        MAX_MODULE_BYTES,
      );
      return bytes.toString('utf8');
    } catch (error) {
      const code =
        (error as NodeJS.ErrnoException).code ?? (error as { payload?: { code?: string } }).payload?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw fsErrorFor(error, path);
    }
  };
}
