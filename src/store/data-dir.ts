/** Finds the data directory: $BUTTONS_HOME, else the nearest project `.buttons/`, else `~/.buttons`. */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface DataDirSource {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
}

export interface DataDirs {
  /** Where buttons, history and state.db live. */
  root: string;
  /** The user-wide directory (`~/.buttons`), home of global batteries. */
  global: string;
  /** How root was chosen, for `config` and `summary`. */
  source: 'env' | 'project' | 'home';
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function findDataDirs(source: DataDirSource = defaultSource()): DataDirs {
  const global = join(source.home, '.buttons');
  const fromEnv = source.env.BUTTONS_HOME;
  if (fromEnv !== undefined && fromEnv !== '')
    return { root: resolve(source.cwd, fromEnv), global, source: 'env' };
  let dir = resolve(source.cwd);
  for (;;) {
    const candidate = join(dir, '.buttons');
    if (candidate !== global && isDir(candidate)) return { root: candidate, global, source: 'project' };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { root: global, global, source: 'home' };
}

function defaultSource(): DataDirSource {
  return { env: process.env, cwd: process.cwd(), home: process.env.HOME || homedir() };
}
