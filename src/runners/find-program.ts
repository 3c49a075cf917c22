/** Looks a program up on PATH, as a shell would ($PATH is trusted, per the threat model). */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export function findProgram(program: string, path: string | undefined): string | undefined {
  if (program.includes('/')) return isExecutable(program) && isAbsolute(program) ? program : undefined;
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, program);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  // stat first, without throwing: most PATH entries lack the program, and an exception each is not free.
  if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
