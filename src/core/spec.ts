/** The button spec (`button.json`): one schema, used on write and on read. */
import * as z from 'zod/mini';
import { ARG_NAME_PATTERN, ARG_NAME_RULE, type ArgDecl } from './arg-types.ts';
import { ButtonsError, ErrorCode } from './errors.ts';
import type { Grants } from './grants.ts';
import { NAME_RULE } from './names.ts';
import { describeIssues } from './schema-errors.ts';

export const SPEC_SCHEMA_VERSION = 1;

export const Runtime = {
  shell: 'shell',
  bash: 'bash',
  python: 'python',
  node: 'node',
  http: 'http',
  prompt: 'prompt',
  js: 'js',
  ts: 'ts',
} as const;
export type Runtime = (typeof Runtime)[keyof typeof Runtime];

export const SCRIPT_RUNTIMES = ['shell', 'bash', 'python', 'node'] as const;
export type ScriptRuntime = (typeof SCRIPT_RUNTIMES)[number];
export const SANDBOX_RUNTIMES = ['js', 'ts'] as const;

export function isScriptRuntime(runtime: Runtime): runtime is ScriptRuntime {
  return (SCRIPT_RUNTIMES as readonly string[]).includes(runtime);
}

/** The file holding a button's code, by runtime. */
export const ENTRY_FILES: Readonly<Record<string, string>> = {
  shell: 'main.sh',
  bash: 'main.sh',
  python: 'main.py',
  node: 'main.js',
  js: 'main.js',
  ts: 'main.ts',
};

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

export interface ButtonSpec {
  schema_version: typeof SPEC_SCHEMA_VERSION;
  name: string;
  description?: string | undefined;
  runtime: Runtime;
  args: ArgDecl[];
  env?: Record<string, string> | undefined;
  timeout_seconds: number;
  /** True when the button folder holds an AGENTS.md with instructions for the calling agent. */
  has_prompt?: boolean | undefined;
  url?: string | undefined;
  method?: string | undefined;
  headers?: Record<string, string> | undefined;
  body?: string | undefined;
  max_response_bytes?: number | undefined;
  allow_private_networks?: boolean | undefined;
  allowed_host?: string | undefined;
  follow_redirects?: 'none' | 'same-host' | 'any' | undefined;
  sandbox?: boolean | undefined;
  grants?: Grants | undefined;
  requires_batteries?: string[] | undefined;
  mcp_enabled?: boolean | undefined;
  output_schema?: unknown;
  created_at: string;
  updated_at: string;
}

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
