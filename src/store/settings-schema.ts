/** The schema of settings.json (loaded only when the file is new to us). */
import * as z from 'zod/mini';
import { parseOrThrow } from '../core/schema-errors.ts';

export const settingsSchema = z.strictObject({
  schema_version: z.literal(1),
  'history.keep': z.optional(z.int().check(z.minimum(0))),
  'output.max_bytes': z.optional(z.int().check(z.minimum(1024), z.maximum(256 * 1024 * 1024))),
  'timeout.grace_seconds': z.optional(z.number().check(z.minimum(0), z.maximum(60))),
});

export type SettingsFile = z.infer<typeof settingsSchema>;

export function parseSettings(raw: unknown, where: string): SettingsFile {
  return parseOrThrow(settingsSchema, raw, where);
}
