/** The data directory as an object: where each file lives, created private on first use. */
import { join } from 'node:path';
import { assertName } from '../core/names.ts';
import { ensurePrivateDir } from './atomic-fs.ts';
import { type DataDirs, findDataDirs } from './data-dir.ts';
import { openStateDb, type StateDb } from './state-db.ts';
import { type ValidatedCache, validatedCache } from './validated-cache.ts';

export class Workspace {
  readonly dirs: DataDirs;
  private db: StateDb | undefined;
  private validatedFiles: ValidatedCache | undefined;

  constructor(dirs: DataDirs = findDataDirs()) {
    this.dirs = dirs;
  }

  get root(): string {
    return this.dirs.root;
  }

  buttonsDir(): string {
    return join(this.root, 'buttons');
  }

  /** The folder of a button; the name is checked as a slug first, so it cannot leave buttons/. */
  buttonDir(name: string): string {
    return join(this.buttonsDir(), assertName(name));
  }

  pressedDir(name: string): string {
    return join(this.buttonDir(name), 'pressed');
  }

  batteriesFile(scope: 'local' | 'global'): string {
    return join(scope === 'global' ? this.dirs.global : this.root, 'batteries.json');
  }

  settingsFile(): string {
    return join(this.root, 'settings.json');
  }

  /** Creates the root and the given sub-folder, all 0700. */
  ensure(dir: string = this.root): void {
    ensurePrivateDir(dir, this.root);
  }

  state(): StateDb {
    if (!this.db) {
      this.ensure();
      this.db = openStateDb(join(this.root, 'state.db'));
    }
    return this.db;
  }

  /** Which file contents already passed their schema (see validated-json.ts). */
  validated(): ValidatedCache {
    this.validatedFiles ??= validatedCache(this.root);
    return this.validatedFiles;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
