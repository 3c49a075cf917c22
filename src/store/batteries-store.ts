/** Batteries: secrets kept in batteries.json (global and project-local; local wins). */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { assertBatteryKey } from '../core/names.ts';
import { writeFileAtomic } from './atomic-fs.ts';
import type { BatteriesFile } from './batteries-schema.ts';
import { readValidatedJson, rememberValidated } from './validated-json.ts';
import type { Workspace } from './workspace.ts';

export type BatteryScope = 'local' | 'global';

const loadValidator = async () => (await import('./batteries-schema.ts')).parseBatteries;

async function readScope(ws: Workspace, scope: BatteryScope): Promise<Record<string, string>> {
  const file = await readValidatedJson<BatteriesFile>(ws, ws.batteriesFile(scope), loadValidator);
  return file?.batteries ?? {};
}

function scopes(ws: Workspace): BatteryScope[] {
  return ws.batteriesFile('local') === ws.batteriesFile('global') ? ['global'] : ['global', 'local'];
}

export interface BatteryEntry {
  key: string;
  scope: BatteryScope;
  value: string;
}

/** All batteries in force: global ones, overridden by the project's. */
export async function loadBatteries(ws: Workspace): Promise<Map<string, BatteryEntry>> {
  const merged = new Map<string, BatteryEntry>();
  for (const scope of scopes(ws)) {
    for (const [key, value] of Object.entries(await readScope(ws, scope)))
      merged.set(key, { key, scope, value });
  }
  return merged;
}

function writeScope(ws: Workspace, scope: BatteryScope, batteries: Record<string, string>): void {
  const path = ws.batteriesFile(scope);
  ws.ensure(scope === 'global' ? ws.dirs.global : ws.root);
  const text = `${JSON.stringify({ schema_version: 1, batteries }, null, 2)}\n`;
  writeFileAtomic(path, text, { durable: true });
  rememberValidated(ws, path, text);
}

/** Where `set` writes by default: the data directory in use. */
export function defaultScope(ws: Workspace): BatteryScope {
  return ws.batteriesFile('local') === ws.batteriesFile('global') ? 'global' : 'local';
}

export async function setBattery(
  ws: Workspace,
  key: string,
  value: string,
  scope: BatteryScope,
): Promise<void> {
  assertBatteryKey(key);
  if (value.includes('\0'))
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `battery ${key}: value may not contain NUL`);
  const current = await readScope(ws, scope);
  writeScope(ws, scope, { ...current, [key]: value });
}

export async function removeBattery(
  ws: Workspace,
  key: string,
  scope: BatteryScope | undefined,
): Promise<BatteryScope> {
  assertBatteryKey(key);
  const order: BatteryScope[] = scope ? [scope] : [...scopes(ws)].reverse();
  for (const s of order) {
    const current = await readScope(ws, s);
    if (Object.hasOwn(current, key)) {
      const { [key]: _, ...rest } = current;
      writeScope(ws, s, rest);
      return s;
    }
  }
  throw new ButtonsError(ErrorCode.NOT_FOUND, `battery ${key} not found`, 'Run `buttons batteries list`.');
}

export function batteryEnvName(key: string): string {
  return `BUTTONS_BAT_${key}`;
}
