/** The schema of batteries.json (loaded only when the file is new to us). */
import * as z from 'zod/mini';
import { parseOrThrow } from '../core/schema-errors.ts';

const fileSchema = z.strictObject({
  schema_version: z.literal(1),
  batteries: z.record(
    z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,127}$/, 'must be a battery key')),
    z.string(),
  ),
});

export type BatteriesFile = z.infer<typeof fileSchema>;

export function parseBatteries(raw: unknown, where: string): BatteriesFile {
  return parseOrThrow(fileSchema, raw, where);
}
