/** Validates the values given to a press against the button's declared args, before anything runs. */
import { type ArgDecl, argEnvName } from './arg-types.ts';
import { ButtonsError, ErrorCode } from './errors.ts';

/** Normalised arg values: ints in decimal, bools as "true"/"false". */
export type ArgValues = Record<string, string>;

function invalid(message: string, hint?: string): ButtonsError {
  return new ButtonsError(ErrorCode.VALIDATION_ERROR, message, hint);
}

/** Splits `k=v` pairs from the command line; the first "=" separates, so values may contain "=". */
export function parseArgPairs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw invalid(`--arg ${JSON.stringify(pair)}: expected name=value`, 'Write --arg name=value.');
    const key = pair.slice(0, eq);
    if (Object.hasOwn(out, key)) throw invalid(`arg "${key}" is given more than once`);
    out[key] = pair.slice(eq + 1);
  }
  return out;
}

const INT_PATTERN = /^[+-]?\d+$/;
const BOOL_VALUES: Record<string, string> = {
  true: 'true',
  false: 'false',
  '1': 'true',
  '0': 'false',
  yes: 'true',
  no: 'false',
};

function normalise(decl: ArgDecl, value: string): string {
  if (value.includes('\0')) throw invalid(`arg "${decl.name}": values may not contain NUL bytes`);
  switch (decl.type) {
    case 'int': {
      const n = INT_PATTERN.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(n))
        throw invalid(`arg "${decl.name}" must be an int, got ${JSON.stringify(value)}`);
      return String(n);
    }
    case 'bool': {
      const b = BOOL_VALUES[value.toLowerCase()];
      if (b === undefined)
        throw invalid(`arg "${decl.name}" must be a bool (true|false), got ${JSON.stringify(value)}`);
      return b;
    }
    case 'enum':
      if (!decl.values?.includes(value)) {
        throw invalid(
          `arg "${decl.name}" must be one of ${decl.values?.join('|')}, got ${JSON.stringify(value)}`,
        );
      }
      return value;
    default:
      return value;
  }
}

export function validateArgValues(decls: readonly ArgDecl[], given: Record<string, string>): ArgValues {
  const byName = new Map(decls.map((d) => [d.name, d]));
  const out: ArgValues = Object.create(null);
  for (const [key, value] of Object.entries(given)) {
    const decl = byName.get(key);
    if (!decl) {
      const known = decls.map((d) => d.name).join(', ') || 'none';
      throw invalid(`arg "${key}" is not declared by this button (declared: ${known})`);
    }
    out[key] = normalise(decl, value);
  }
  for (const decl of decls) {
    if (decl.required && !Object.hasOwn(out, decl.name)) {
      throw invalid(`arg "${decl.name}" is required`, `Add --arg ${decl.name}=<${decl.type}>.`);
    }
  }
  return out;
}

/** The environment entries that carry args to a script: BUTTONS_ARG_<NAME>=value. */
export function argEnv(values: ArgValues): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) env[argEnvName(key)] = value;
  return env;
}

export function secretArgValues(decls: readonly ArgDecl[], values: ArgValues): string[] {
  return decls.filter((d) => d.type === 'secret' && values[d.name] !== undefined).map((d) => values[d.name]!);
}
