/** The one schema of `button.json`, used on write and on read. Loaded lazily: zod costs milliseconds at start-up. */
import * as z from 'zod/mini';
import { ARG_NAME_PATTERN, ARG_NAME_RULE } from './arg-types.ts';
import { ButtonsError, ErrorCode } from './errors.ts';
import { NAME_RULE } from './names.ts';
import { describeIssues } from './schema-errors.ts';
import { type ButtonSpec, SPEC_SCHEMA_VERSION } from './spec.ts';

const MAX_TIMEOUT_SECONDS = 86_400;

const argDecl = z.strictObject({
  name: z.string().check(z.regex(ARG_NAME_PATTERN, ARG_NAME_RULE)),
  type: z.enum(['string', 'int', 'bool', 'enum', 'secret']),
  required: z.boolean(),
  values: z.optional(z.array(z.string().check(z.minLength(1)))),
  description: z.optional(z.string()),
});

const fsGrant = z.strictObject({ path: z.string().check(z.minLength(1)), mode: z.enum(['r', 'rw', 'rwcd']) });

const grants = z.strictObject({
  fs: z.array(fsGrant),
  net: z.array(z.string()),
  run: z.array(z.string()),
  env: z.array(z.string()),
  press: z.array(z.string()),
  all: z.boolean(),
});

const isoDate = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, 'must be an ISO-8601 UTC timestamp'));

export const buttonSpecSchema = z.strictObject({
  schema_version: z.literal(SPEC_SCHEMA_VERSION),
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, NAME_RULE)),
  description: z.optional(z.string()),
  runtime: z.enum(['shell', 'bash', 'python', 'node', 'http', 'prompt', 'js', 'ts']),
  args: z.array(argDecl),
  env: z.optional(
    z.record(z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an env var name')), z.string()),
  ),
  timeout_seconds: z.number().check(z.positive(), z.maximum(MAX_TIMEOUT_SECONDS)),
  has_prompt: z.optional(z.boolean()),
  url: z.optional(z.string()),
  method: z.optional(z.string()),
  headers: z.optional(z.record(z.string(), z.string())),
  body: z.optional(z.string()),
  max_response_bytes: z.optional(z.int().check(z.positive())),
  allow_private_networks: z.optional(z.boolean()),
  allowed_host: z.optional(z.string()),
  follow_redirects: z.optional(z.enum(['none', 'same-host', 'any'])),
  sandbox: z.optional(z.boolean()),
  grants: z.optional(grants),
  requires_batteries: z.optional(z.array(z.string())),
  mcp_enabled: z.optional(z.boolean()),
  output_schema: z.optional(z.unknown()),
  created_at: isoDate,
  updated_at: isoDate,
});

/** Validates a parsed spec; `where` (a path or "spec") leads the message so the user knows which file. */
export function parseSpec(value: unknown, where: string): ButtonSpec {
  const result = buttonSpecSchema.safeParse(value);
  if (!result.success) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${where}: invalid button spec: ${describeIssues(result.error.issues)}`,
      'Fix the file by hand, or delete the button and create it again.',
    );
  }
  const spec = result.data as ButtonSpec;
  for (const arg of spec.args) {
    if (arg.type === 'enum' && (arg.values?.length ?? 0) === 0) {
      throw new ButtonsError(
        ErrorCode.VALIDATION_ERROR,
        `${where}: args.${arg.name}.values must list the enum's values`,
      );
    }
  }
  const names = spec.args.map((a) => a.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined)
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `${where}: arg "${dup}" is declared twice`);
  return spec;
}
