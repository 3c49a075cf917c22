/** Runs the built CLI as a real process in a private temporary home. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'buttons.js');

export interface Sandbox {
  dir: string;
  home: string;
  data: string;
  env: Record<string, string>;
  cleanup(): void;
}

/** A fresh HOME and BUTTONS_HOME under a temp dir; nothing the test does touches the real home. */
export function makeSandbox(extraEnv: Record<string, string> = {}): Sandbox {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'buttons-test-')));
  const home = join(dir, 'home');
  const data = join(dir, 'data');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    BUTTONS_HOME: data,
    LANG: 'C.UTF-8',
    ...extraEnv,
  };
  return { dir, home, data, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: envelopes are checked field by field in tests
  json: any;
}

function parseEnvelope(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

export interface CliOptions {
  cwd?: string;
  input?: string;
  env?: Record<string, string>;
}

export function cli(sb: Sandbox, args: readonly string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? sb.dir,
    env: { ...sb.env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: parseEnvelope(result.stdout),
  };
}

/** Starts the CLI without waiting (for concurrency and kill tests). */
export function cliAsync(
  sb: Sandbox,
  args: readonly string[],
  options: CliOptions = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? sb.dir,
    env: { ...sb.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => (stdout += c));
  child.stderr?.on('data', (c) => (stderr += c));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr, json: parseEnvelope(stdout) }));
  });
  return { child, done };
}
