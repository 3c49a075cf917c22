/**
 * Body templates, encoded by the body's format: JSON (a placeholder inside a string is string-escaped,
 * one outside a string becomes a JSON value of the arg's type), form (each value form-encoded), or plain
 * text (as is). Other formats cannot be templated: we would not know how to keep a value in its place.
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import {
  type ArgSlot,
  argSlot,
  parseTemplate,
  type TemplateArgs,
  type TemplatePart,
} from './template-parse.ts';

export type BodyKind = 'json' | 'form' | 'text' | 'other';

export function bodyKindOf(contentType: string | undefined): BodyKind {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'text/plain' || type === '') return 'text';
  return 'other';
}

/** The Content-Type a body gets when the creator gave none. */
export function guessContentType(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'application/json';
  if (/^[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$/.test(trimmed)) return 'application/x-www-form-urlencoded';
  return 'text/plain; charset=utf-8';
}

function invalid(message: string, hint?: string): ButtonsError {
  return new ButtonsError(ErrorCode.VALIDATION_ERROR, message, hint);
}

/** A JSON value of the arg's declared type; a missing optional arg is null. */
function jsonValue(slot: ArgSlot): string {
  if (slot.value === undefined) return 'null';
  if (slot.type === 'int' || slot.type === 'bool') return slot.value; // normalised by arg validation
  return JSON.stringify(slot.value);
}

/** Walks JSON text, tracking whether each placeholder sits inside a string. */
function renderJson(parts: TemplatePart[], value: (name: string) => ArgSlot): string {
  let inString = false;
  let escaped = false;
  let out = '';
  for (const part of parts) {
    if (part.kind === 'arg') {
      // After a lone backslash the value's first character would be taken as an escape.
      if (escaped)
        throw invalid(`--body: placeholder {{${part.name}}} follows a backslash inside a JSON string`);
      const slot = value(part.name);
      out += inString ? JSON.stringify(slot.value ?? '').slice(1, -1) : jsonValue(slot);
      continue;
    }
    for (const ch of part.text) {
      if (escaped) escaped = false;
      else if (inString && ch === '\\') escaped = true;
      else if (ch === '"') inString = !inString;
    }
    out += part.text;
  }
  return out;
}

function renderParts(kind: BodyKind, parts: TemplatePart[], value: (name: string) => ArgSlot): string {
  if (kind === 'json') return renderJson(parts, value);
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (kind === 'form')
      out += new URLSearchParams([['', value(part.name).value ?? '']]).toString().slice(1);
    else out += value(part.name).value ?? '';
  }
  return out;
}

/** Create-time check: the body is well-formed for its kind whatever the values (placeholders tried as null / ""). */
export function checkBodyTemplate(template: string, kind: BodyKind): void {
  const parts = parseTemplate(template);
  if (kind === 'other' && parts.some((p) => p.kind === 'arg')) {
    throw invalid(
      '--body: placeholders need a JSON, form or plain-text body',
      'Set --header "Content-Type: application/json" (or application/x-www-form-urlencoded, text/plain).',
    );
  }
  if (kind !== 'json') return;
  const probe = renderJson(parts, (name) => ({ name, type: 'string', value: undefined }));
  try {
    JSON.parse(probe);
  } catch {
    throw invalid(
      '--body is not valid JSON (with each placeholder taken as a JSON value or inside a string)',
    );
  }
}

export function renderBody(template: string, kind: BodyKind, args: TemplateArgs): string {
  const rendered = renderParts(kind, parseTemplate(template), (name) => argSlot(args, name));
  if (kind === 'json') {
    // Defence in depth: what is sent is JSON, whatever the values were.
    try {
      JSON.parse(rendered);
    } catch {
      throw invalid('the rendered --body is not valid JSON');
    }
  }
  return rendered;
}
