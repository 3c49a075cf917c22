/**
 * Reads a JSON file that must pass a schema. The schema runs whenever the content is new to us; content
 * that already passed (same fingerprint, see validated-cache.ts) is trusted without loading the schema
 * library, which keeps cold presses fast. A hand edit changes the content, so it is always re-validated.
 */
import { fingerprint } from '../core/fingerprint.ts';
import { parseJsonText, readJsonText } from './json-file.ts';
import type { Workspace } from './workspace.ts';

export type Validator<T> = (raw: unknown, where: string) => T;

/** undefined when the file does not exist; a ButtonsError naming the path when it is invalid. */
export async function readValidatedJson<T>(
  ws: Workspace,
  path: string,
  loadValidator: () => Promise<Validator<T>>,
): Promise<T | undefined> {
  const text = readJsonText(path);
  if (text === undefined) return undefined;
  const print = fingerprint(text);
  const cache = ws.validated();
  if (cache.has(path, print)) return JSON.parse(text) as T;
  const validate = await loadValidator();
  const value = validate(parseJsonText(text, path), path);
  cache.add(path, print);
  return value;
}

/** Records content we just wrote after validating it, so the next read skips the schema. */
export function rememberValidated(ws: Workspace, path: string, text: string): void {
  ws.validated().add(path, fingerprint(text));
}
