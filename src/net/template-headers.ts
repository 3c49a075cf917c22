/**
 * Header templates: names are fixed text; values may hold placeholders. A value that would carry CR,
 * LF or NUL (a second header, a split request) is refused, as is any other control character.
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { argSlot, parseTemplate, type TemplateArgs } from './template-parse.ts';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Set by the client from the request itself; a button setting them could desynchronise or re-target it.
const RESERVED = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);

function invalid(message: string, hint?: string): ButtonsError {
  return new ButtonsError(ErrorCode.VALIDATION_ERROR, message, hint);
}

function describeBadChar(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'CR or LF';
  if (value.includes('\0')) return 'NUL';
  if (/[\x01-\x08\x0a-\x1f\x7f]/.test(value)) return 'a control character';
  if (/[^\x00-\xff]/.test(value)) return 'a character outside Latin-1';
  return undefined;
}

function checkName(name: string, where: string): void {
  if (!TOKEN.test(name)) throw invalid(`${where}: ${JSON.stringify(name)} is not a valid header name`);
  if (RESERVED.has(name.toLowerCase()))
    throw invalid(`${where}: ${name} is set by buttons itself and cannot be given`);
}

/** Parses one `--header 'Name: value'` and checks it; the value may be a template. */
export function parseHeaderFlag(raw: string): [string, string] {
  const colon = raw.indexOf(':');
  if (colon <= 0) throw invalid(`--header ${JSON.stringify(raw)}: expected "Name: value"`);
  const name = raw.slice(0, colon).trim();
  const value = raw.slice(colon + 1).trim();
  checkName(name, `--header ${JSON.stringify(raw)}`);
  const bad = describeBadChar(value);
  if (bad) throw invalid(`--header ${name}: the value may not contain ${bad}`);
  return [name, value];
}

export function renderHeaders(
  headers: Readonly<Record<string, string>>,
  args: TemplateArgs,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(headers)) {
    checkName(name, 'headers');
    let value = '';
    for (const part of parseTemplate(template)) {
      if (part.kind === 'text') {
        value += part.text;
        continue;
      }
      const slot = argSlot(args, part.name);
      const bad = describeBadChar(slot.value ?? '');
      if (bad) throw invalid(`arg "${part.name}" may not contain ${bad}: it goes into the ${name} header`);
      value += slot.value ?? '';
    }
    const bad = describeBadChar(value);
    if (bad) throw invalid(`header ${name} may not contain ${bad}`);
    out[name] = value;
  }
  return out;
}
