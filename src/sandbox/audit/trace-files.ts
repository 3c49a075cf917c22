/** Where `buttons run` keeps traces when no --trace is given: <data>/runs/, the newest few hundred kept. */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '../../store/atomic-fs.ts';

const KEEP = 200;
const SUFFIX = '.trace.ndjson';

export function defaultTracePath(dataRoot: string, runId: string): string {
  const dir = join(dataRoot, 'runs');
  ensurePrivateDir(dir, dataRoot);
  const old = readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort();
  // Run ids sort by time: the oldest go first.
  for (const file of old.slice(0, Math.max(0, old.length - KEEP + 1)))
    rmSync(join(dir, file), { force: true });
  return join(dir, `${runId}${SUFFIX}`);
}
