/** Button folders on disk: create whole or not at all, read with validation, delete. */

import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { isValidName } from '../core/names.ts';
import { type ButtonSpec, ENTRY_FILES } from '../core/spec.ts';
import { ensurePrivateDir, TEMP_PREFIX, writeFileAtomic } from './atomic-fs.ts';
import { randomHex } from './random.ts';
import { readValidatedJson, rememberValidated } from './validated-json.ts';
import type { Workspace } from './workspace.ts';

export const SPEC_FILE = 'button.json';
export const PROMPT_FILE = 'AGENTS.md';

export interface ButtonFiles {
  /** The script or program, written as the runtime's entry file. */
  entry?: string | undefined;
  /** Instructions for the calling agent, written as AGENTS.md. */
  prompt?: string | undefined;
}

export function specPath(ws: Workspace, name: string): string {
  return join(ws.buttonDir(name), SPEC_FILE);
}

const loadSpecValidator = async () => (await import('../core/spec-schema.ts')).parseSpec;

export async function readSpec(ws: Workspace, name: string): Promise<ButtonSpec> {
  const path = specPath(ws, name);
  const spec = await readValidatedJson(ws, path, loadSpecValidator);
  if (spec === undefined) {
    throw new ButtonsError(
      ErrorCode.NOT_FOUND,
      `button "${name}" not found`,
      'Run `buttons list` to see the buttons.',
    );
  }
  if (spec.name !== name) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${path}: name "${spec.name}" does not match its folder "${name}"`,
    );
  }
  return spec;
}

export function entryPath(ws: Workspace, spec: ButtonSpec): string | undefined {
  const file = ENTRY_FILES[spec.runtime];
  return file === undefined ? undefined : join(ws.buttonDir(spec.name), file);
}

export function readPrompt(ws: Workspace, name: string): string | undefined {
  try {
    return readFileSync(join(ws.buttonDir(name), PROMPT_FILE), 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes the folder under a temp name, then renames it into place: a half-made button is never visible. */
export function createButton(ws: Workspace, spec: ButtonSpec, files: ButtonFiles): string {
  const finalDir = ws.buttonDir(spec.name);
  ws.ensure(ws.buttonsDir());
  const tempDir = join(ws.buttonsDir(), `${TEMP_PREFIX}${spec.name}-${randomHex(6)}`);
  ensurePrivateDir(tempDir, ws.root);
  try {
    ensurePrivateDir(join(tempDir, 'pressed'), ws.root);
    writeFileAtomic(join(tempDir, SPEC_FILE), specText(spec));
    const entryFile = ENTRY_FILES[spec.runtime];
    if (files.entry !== undefined && entryFile !== undefined)
      writeFileAtomic(join(tempDir, entryFile), files.entry);
    if (files.prompt !== undefined) writeFileAtomic(join(tempDir, PROMPT_FILE), files.prompt);
    try {
      renameSync(tempDir, finalDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') {
        throw new ButtonsError(
          ErrorCode.ALREADY_EXISTS,
          `button "${spec.name}" already exists`,
          `Delete it first with \`buttons delete ${spec.name} -F\`, or pick another name.`,
        );
      }
      throw error;
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  rememberValidated(ws, join(finalDir, SPEC_FILE), specText(spec));
  return finalDir;
}

function specText(spec: ButtonSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Moves the folder aside first so that a concurrent reader sees the button or nothing. */
export function deleteButton(ws: Workspace, name: string): void {
  const dir = ws.buttonDir(name);
  const trash = join(ws.buttonsDir(), `${TEMP_PREFIX}deleted-${name}-${randomHex(6)}`);
  try {
    renameSync(dir, trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ButtonsError(ErrorCode.NOT_FOUND, `button "${name}" not found`);
    }
    throw error;
  }
  rmSync(trash, { recursive: true, force: true });
  ws.validated().forget(specPath(ws, name));
}

export type ListedButton =
  | { ok: true; spec: ButtonSpec }
  | { ok: false; name: string; path: string; error: ButtonsError };

/** Every button folder, valid or not: one broken spec never hides the others. */
export async function listButtons(ws: Workspace): Promise<ListedButton[]> {
  let names: string[];
  try {
    names = readdirSync(ws.buttonsDir());
  } catch {
    return [];
  }
  const listed: ListedButton[] = [];
  for (const name of names.filter((n) => !n.startsWith(TEMP_PREFIX) && isValidName(n)).sort()) {
    try {
      listed.push({ ok: true, spec: await readSpec(ws, name) });
    } catch (error) {
      const err = error instanceof ButtonsError ? error : new ButtonsError(ErrorCode.IO_ERROR, String(error));
      listed.push({ ok: false, name, path: specPath(ws, name), error: err });
    }
  }
  return listed;
}
