/** Batteries: secrets kept in batteries.json (global and project-local; local wins). */
import * as z from 'zod/mini';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { assertBatteryKey } from '../core/names.ts';
import { describeIssues } from '../core/schema-errors.ts';
import { writeFileAtomic } from './atomic-fs.ts';
import { readJsonFile } from './json-file.ts';
import type { Workspace } from './workspace.ts';

export type BatteryScope = 'local' | 'global';

const fileSchema = z.strictObject({
  schema_version: z.literal(1),
  batteries: z.record(
    z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,127}$/, 'must be a battery key')),
    z.string(),
  ),
});

function readScope(ws: Workspace, scope: BatteryScope): Record<string, string> {
  const path = ws.batteriesFile(scope);
  const raw = readJsonFile(path);
  if (raw === undefined) return {};
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `${path}: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data.batteries;
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
export function loadBatteries(ws: Workspace): Map<string, BatteryEntry> {
  const merged = new Map<string, BatteryEntry>();
  for (const scope of scopes(ws)) {
    for (const [key, value] of Object.entries(readScope(ws, scope))) merged.set(key, { key, scope, value });
  }
  return merged;
}

function writeScope(ws: Workspace, scope: BatteryScope, batteries: Record<string, string>): void {
  const path = ws.batteriesFile(scope);
  ws.ensure(scope === 'global' ? ws.dirs.global : ws.root);
  writeFileAtomic(path, `${JSON.stringify({ schema_version: 1, batteries }, null, 2)}\n`, { durable: true });
}

/** Where `set` writes by default: the data directory in use. */
export function defaultScope(ws: Workspace): BatteryScope {
  return ws.batteriesFile('local') === ws.batteriesFile('global') ? 'global' : 'local';
}

export function setBattery(ws: Workspace, key: string, value: string, scope: BatteryScope): void {
  assertBatteryKey(key);
  if (value.includes('\0'))
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `battery ${key}: value may not contain NUL`);
  const current = readScope(ws, scope);
  writeScope(ws, scope, { ...current, [key]: value });
}

export function removeBattery(ws: Workspace, key: string, scope: BatteryScope | undefined): BatteryScope {
  assertBatteryKey(key);
  const order: BatteryScope[] = scope ? [scope] : [...scopes(ws)].reverse();
  for (const s of order) {
    const current = readScope(ws, s);
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
