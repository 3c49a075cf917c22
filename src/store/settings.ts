/** settings.json: user-tunable limits, validated on read. */
import * as z from 'zod/mini';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { describeIssues } from '../core/schema-errors.ts';
import { writeFileAtomic } from './atomic-fs.ts';
import { readJsonFile } from './json-file.ts';
import type { Workspace } from './workspace.ts';

export const SETTING_KEYS = {
  'history.keep': 'runs kept per button; older runs are pruned with all their files (0 keeps every run)',
  'output.max_bytes':
    'bytes of stdout and of stderr kept per press; the rest is drained and marked truncated',
  'timeout.grace_seconds': 'seconds between SIGTERM and SIGKILL when a press times out',
} as const;
export type SettingKey = keyof typeof SETTING_KEYS;

export interface Settings {
  'history.keep': number;
  'output.max_bytes': number;
  'timeout.grace_seconds': number;
}

export const DEFAULT_SETTINGS: Settings = {
  'history.keep': 10_000,
  'output.max_bytes': 1024 * 1024,
  'timeout.grace_seconds': 2,
};

const settingsSchema = z.strictObject({
  schema_version: z.literal(1),
  'history.keep': z.optional(z.int().check(z.minimum(0))),
  'output.max_bytes': z.optional(z.int().check(z.minimum(1024), z.maximum(256 * 1024 * 1024))),
  'timeout.grace_seconds': z.optional(z.number().check(z.minimum(0), z.maximum(60))),
});

export function readSettings(ws: Workspace): Settings {
  const path = ws.settingsFile();
  const raw = readJsonFile(path);
  if (raw === undefined) return { ...DEFAULT_SETTINGS };
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `${path}: ${describeIssues(parsed.error.issues)}`);
  }
  const { schema_version: _, ...values } = parsed.data;
  return { ...DEFAULT_SETTINGS, ...values };
}

export function writeSetting(ws: Workspace, key: string, value: string): Settings {
  if (!Object.hasOwn(SETTING_KEYS, key)) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `unknown setting "${key}"`,
      `Known settings: ${Object.keys(SETTING_KEYS).join(', ')}.`,
    );
  }
  const current = readSettings(ws);
  const next = { schema_version: 1, ...current, [key]: Number(value) };
  const parsed = settingsSchema.safeParse(next);
  if (!parsed.success) {
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `setting ${describeIssues(parsed.error.issues)}`);
  }
  ws.ensure();
  writeFileAtomic(ws.settingsFile(), `${JSON.stringify(next, null, 2)}\n`);
  return readSettings(ws);
}
