/** Works out a new button's runtime and code from --code / --file / --url / --prompt / --runtime. */
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { Runtime } from '../../core/spec.ts';

export interface SourceFlags {
  code?: string | undefined;
  file?: string | undefined;
  url?: string | undefined;
  prompt?: string | undefined;
  runtime?: string | undefined;
}

export interface Source {
  runtime: Runtime;
  entry: string | undefined;
  /** True when the entry is a generated scaffold for the user to edit. */
  scaffolded: boolean;
}

const MAX_SOURCE_BYTES = 1024 * 1024;

const BY_EXTENSION: Readonly<Record<string, Runtime>> = {
  '.sh': 'shell',
  '.bash': 'bash',
  '.py': 'python',
  '.js': 'node',
  '.mjs': 'node',
  '.cjs': 'node',
  '.ts': 'ts',
  '.mts': 'ts',
};

const BY_SHEBANG: readonly [RegExp, Runtime][] = [
  [/\bbash\b/, 'bash'],
  [/\b(sh|dash|ash)\b/, 'shell'],
  [/\bpython[0-9.]*\b/, 'python'],
  [/\bnode\b/, 'node'],
];

function usage(message: string, hint?: string): ButtonsError {
  return new ButtonsError(ErrorCode.VALIDATION_ERROR, message, hint);
}

export function inferRuntime(path: string, text: string): Runtime | undefined {
  const byExt = BY_EXTENSION[extname(path).toLowerCase()];
  if (byExt) return byExt;
  const shebang = text.startsWith('#!') ? text.slice(0, text.indexOf('\n') >>> 0) : '';
  return BY_SHEBANG.find(([pattern]) => pattern.test(shebang))?.[1];
}

function readSourceFile(cwd: string, file: string): string {
  const path = resolve(cwd, file);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw usage(`--file ${file}: not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ButtonsError) throw error;
    throw usage(`--file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (size > MAX_SOURCE_BYTES) throw usage(`--file ${file}: larger than ${MAX_SOURCE_BYTES} bytes`);
  return readFileSync(path, 'utf8');
}

function checkRuntime(value: string): Runtime {
  if (!Object.hasOwn(Runtime, value) || value === 'http' || value === 'prompt') {
    throw usage(
      `--runtime must be one of shell, bash, python, node, js, ts; got ${JSON.stringify(value)}`,
      'HTTP buttons come from --url, prompt buttons from --prompt alone.',
    );
  }
  return value as Runtime;
}

export function pickSource(flags: SourceFlags, cwd: string, name: string): Source {
  const given = (['code', 'file', 'url'] as const).filter((k) => flags[k] !== undefined);
  if (given.length > 1)
    throw usage(`give at most one of --code, --file, --url (got ${given.map((g) => `--${g}`).join(', ')})`);
  const runtime = flags.runtime === undefined ? undefined : checkRuntime(flags.runtime);
  if (flags.url !== undefined) {
    if (runtime !== undefined)
      throw usage('--runtime does not apply to --url buttons (their runtime is http)');
    return { runtime: 'http', entry: undefined, scaffolded: false };
  }
  if (flags.code !== undefined) {
    if (flags.code.includes('\0')) throw usage('--code may not contain NUL bytes');
    return { runtime: runtime ?? 'shell', entry: flags.code, scaffolded: false };
  }
  if (flags.file !== undefined) {
    const text = readSourceFile(cwd, flags.file);
    const inferred = runtime ?? inferRuntime(flags.file, text);
    if (!inferred) {
      throw usage(
        `--file ${flags.file}: cannot tell its runtime from the extension or a shebang`,
        'Add --runtime shell|bash|python|node|js|ts.',
      );
    }
    return { runtime: inferred, entry: text, scaffolded: false };
  }
  if (flags.prompt !== undefined && runtime === undefined)
    return { runtime: 'prompt', entry: undefined, scaffolded: false };
  const scaffoldRuntime = runtime ?? 'shell';
  return { runtime: scaffoldRuntime, entry: scaffold(scaffoldRuntime, name), scaffolded: true };
}

const HEADER = 'Args arrive as env vars BUTTONS_ARG_<NAME>; batteries as BUTTONS_BAT_<KEY>.';

function scaffold(runtime: Runtime, name: string): string {
  switch (runtime) {
    case 'python':
      return `#!/usr/bin/env python3\n# Button "${name}". ${HEADER}\nimport os\n\nprint(f"Hello from ${name}")\n`;
    case 'node':
      return `#!/usr/bin/env node\n// Button "${name}". ${HEADER}\nconsole.log('Hello from ${name}');\n`;
    case 'js':
    case 'ts':
      return `// Button "${name}": runs in the capability sandbox; grant access with --allow-… flags.\nconsole.log('Hello from ${name}');\n`;
    case 'bash':
      return `#!/usr/bin/env bash\n# Button "${name}". ${HEADER}\nset -euo pipefail\necho "Hello from ${name}"\n`;
    default:
      return `#!/bin/sh\n# Button "${name}". ${HEADER}\nset -eu\necho "Hello from ${name}"\n`;
  }
}
