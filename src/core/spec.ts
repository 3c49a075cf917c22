/** The button spec (`button.json`) as a type; its one schema lives in spec-schema.ts (loaded only to validate). */
import type { ArgDecl } from './arg-types.ts';
import type { Grants } from './grants.ts';

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
