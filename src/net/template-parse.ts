/**
 * `{{arg}}` templates, parsed once into literal text and placeholders. Rendering walks the parts in one
 * pass, so a substituted value is never scanned again: a value of "{{other}}" stays that text.
 */
import type { ArgDecl, ArgType } from '../core/arg-types.ts';
import { ButtonsError, ErrorCode } from '../core/errors.ts';

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'arg'; name: string };

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_-]{0,63})\s*\}\}/g;

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ kind: 'text', text: template.slice(last, match.index) });
    parts.push({ kind: 'arg', name: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
}

export function placeholderNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** The args a template may use, and the values of one press. */
export interface TemplateArgs {
  decls: readonly ArgDecl[];
  values: Readonly<Record<string, string>>;
}

export interface ArgSlot {
  name: string;
  type: ArgType;
  /** Undefined when an optional arg was not given. */
  value: string | undefined;
}

export function argSlot(args: TemplateArgs, name: string): ArgSlot {
  const decl = args.decls.find((d) => d.name === name);
  if (!decl)
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `template placeholder {{${name}}} names no declared arg`,
    );
  const value = Object.hasOwn(args.values, name) ? args.values[name] : undefined;
  // Lone surrogates have no UTF-8 form: such a value could not be encoded and decoded back exactly.
  if (value !== undefined && !value.isWellFormed())
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `arg "${name}" is not well-formed Unicode`);
  return { name, type: decl.type, value };
}

/** Create-time check: every placeholder in a template names a declared arg. */
export function checkPlaceholders(where: string, template: string, decls: readonly ArgDecl[]): void {
  for (const name of placeholderNames(template)) {
    if (!decls.some((d) => d.name === name)) {
      throw new ButtonsError(
        ErrorCode.VALIDATION_ERROR,
        `${where}: placeholder {{${name}}} names no declared arg`,
        `Declare it with --arg ${name}:string:required (or the type it has).`,
      );
    }
  }
}
