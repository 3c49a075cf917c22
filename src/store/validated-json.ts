/**
 * Reads a JSON file that must pass a schema. The schema runs whenever the content is new to us; content
 * that already passed (same fingerprint, recorded in state.db) is trusted without loading the schema
 * library, which keeps cold presses fast. A hand edit changes the content, so it is always re-validated.
 */
import { readFileSync } from 'node:fs';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { fingerprint } from '../core/fingerprint.ts';
import { MAX_JSON_BYTES, parseJsonText } from './json-file.ts';
import type { Workspace } from './workspace.ts';

export type Validator<T> = (raw: unknown, where: string) => T;

function readText(path: string): string | undefined {
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_JSON_BYTES) {
      throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `${path}: larger than ${MAX_JSON_BYTES} bytes`);
    }
    return bytes.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof ButtonsError) throw error;
    throw new ButtonsError(ErrorCode.IO_ERROR, `${path}: ${(error as Error).message}`);
  }
}

/** undefined when the file does not exist; a ButtonsError naming the path when it is invalid. */
export async function readValidatedJson<T>(
  ws: Workspace,
  path: string,
  loadValidator: () => Promise<Validator<T>>,
): Promise<T | undefined> {
  const text = readText(path);
  if (text === undefined) return undefined;
  const print = fingerprint(text);
  const state = ws.state();
  if (state.isValidated(path, print)) return JSON.parse(text) as T;
  const validate = await loadValidator();
  const value = validate(parseJsonText(text, path), path);
  state.markValidated(path, print);
  return value;
}

/** Records content we just wrote after validating it, so the next read skips the schema. */
export function rememberValidated(ws: Workspace, path: string, text: string): void {
  ws.state().markValidated(path, fingerprint(text));
}
