/** Reads a JSON file with a bounded nesting depth, so a hostile file can neither crash nor hang a reader. */
import { readFileSync } from 'node:fs';
import { ButtonsError, ErrorCode } from '../core/errors.ts';

export const MAX_JSON_DEPTH = 64;
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function parseJsonText(text: string, where: string): unknown {
  if (depthOf(text) > MAX_JSON_DEPTH) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${where}: JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${where}: not valid JSON (${(error as Error).message})`,
    );
  }
}

/** The text of a JSON file, bounded in size; undefined when the file does not exist. */
export function readJsonText(path: string): string | undefined {
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

/** Returns undefined when the file does not exist. */
export function readJsonFile(path: string): unknown {
  const text = readJsonText(path);
  return text === undefined ? undefined : parseJsonText(text, path);
}
