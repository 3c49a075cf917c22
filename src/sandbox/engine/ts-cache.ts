/**
 * TypeScript output cached in the data directory, by a hash of the source: Node's type stripper takes
 * ~80 ms to load, which a cold `buttons run agent.ts` would otherwise pay every time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../../store/atomic-fs.ts';
import type { StripTypes } from './module-loader.ts';
import { stripTypes } from './typescript.ts';

const KEEP = 500;

function prune(dir: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  if (files.length <= KEEP) return;
  const byAge = files.map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { f } of byAge.slice(0, files.length - KEEP / 2)) rmSync(join(dir, f), { force: true });
}

export function cachedStripTypes(dataRoot: string): StripTypes {
  const dir = join(dataRoot, 'cache', 'ts');
  return (code) => {
    // The stripper's version is part of the key: a newer Node may strip differently.
    const key = createHash('sha256').update(process.version).update('\0').update(code).digest('hex');
    const path = join(dir, `${key}.js`);
    try {
      return readFileSync(path, 'utf8');
    } catch {
      const js = stripTypes(code);
      try {
        ensurePrivateDir(dir, dataRoot);
        writeFileAtomic(path, js);
        prune(dir);
      } catch {
        // A cache that cannot be written only costs time.
      }
      return js;
    }
  };
}
