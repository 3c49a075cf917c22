/** settings.json: user-tunable limits, validated on read. */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { writeFileAtomic } from './atomic-fs.ts';
import type { SettingsFile } from './settings-schema.ts';
import { readValidatedJson, rememberValidated } from './validated-json.ts';
import type { Workspace } from './workspace.ts';

export const SETTING_KEYS = {
  'history.keep': 'runs kept per button; older runs are pruned with all their files (0 keeps every run)',
  'output.max_bytes':
    'bytes of stdout and of stderr kept per press; the rest is drained and marked truncated',
  'timeout.grace_seconds': 'seconds between SIGTERM and SIGKILL when a press times out',
} as const;
export type SettingKey = keyof typeof SETTING_KEYS;

export type Settings = Record<SettingKey, number>;

export const DEFAULT_SETTINGS: Settings = {
  'history.keep': 10_000,
  'output.max_bytes': 1024 * 1024,
  'timeout.grace_seconds': 2,
};

const loadValidator = async () => (await import('./settings-schema.ts')).parseSettings;

export async function readSettings(ws: Workspace): Promise<Settings> {
  const file = await readValidatedJson<SettingsFile>(ws, ws.settingsFile(), loadValidator);
  if (file === undefined) return { ...DEFAULT_SETTINGS };
  const { schema_version: _, ...values } = file;
  return { ...DEFAULT_SETTINGS, ...values };
}

export async function writeSetting(ws: Workspace, key: string, value: string): Promise<Settings> {
  if (!Object.hasOwn(SETTING_KEYS, key)) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `unknown setting "${key}"`,
      `Known settings: ${Object.keys(SETTING_KEYS).join(', ')}.`,
    );
  }
  const next = { schema_version: 1, ...(await readSettings(ws)), [key]: Number(value) };
  (await loadValidator())(next, `setting ${key}`);
  const text = `${JSON.stringify(next, null, 2)}\n`;
  ws.ensure();
  writeFileAtomic(ws.settingsFile(), text);
  rememberValidated(ws, ws.settingsFile(), text);
  return readSettings(ws);
}
