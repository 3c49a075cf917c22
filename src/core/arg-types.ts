/** Argument declarations of a button: `name:type:required|optional[:a|b|c]`. */
import { ButtonsError, ErrorCode } from './errors.ts';

export const ArgType = {
  string: 'string',
  int: 'int',
  bool: 'bool',
  enum: 'enum',
  secret: 'secret',
} as const;
export type ArgType = (typeof ArgType)[keyof typeof ArgType];

export interface ArgDecl {
  name: string;
  type: ArgType;
  required: boolean;
  values?: string[];
  description?: string;
}

export const ARG_NAME_RULE =
  'an arg name is 1-64 characters of a-z, A-Z, 0-9, "_" and "-", starting with a letter';
export const ARG_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const DECL_FORMAT = 'name:type:required|optional[:a|b|c] with type one of string, int, bool, enum, secret';

function declError(raw: string, rule: string): ButtonsError {
  return new ButtonsError(
    ErrorCode.VALIDATION_ERROR,
    `--arg ${JSON.stringify(raw)}: ${rule}`,
    `Write ${DECL_FORMAT}.`,
  );
}

export function parseArgDecl(raw: string): ArgDecl {
  const [name = '', type = '', requirement = 'optional', values, ...rest] = raw.split(':');
  if (rest.length > 0) throw declError(raw, 'too many ":"-separated parts');
  if (!ARG_NAME_PATTERN.test(name)) throw declError(raw, ARG_NAME_RULE);
  if (!Object.hasOwn(ArgType, type))
    throw declError(raw, `type must be one of string, int, bool, enum, secret`);
  if (requirement !== 'required' && requirement !== 'optional') {
    throw declError(raw, 'the third part must be "required" or "optional"');
  }
  const decl: ArgDecl = { name, type: type as ArgType, required: requirement === 'required' };
  if (type === 'enum') {
    const list = (values ?? '').split('|').filter((v) => v.length > 0);
    if (list.length === 0)
      throw declError(
        raw,
        'an enum arg lists its values after a fourth ":", e.g. env:enum:required:dev|prod',
      );
    decl.values = [...new Set(list)];
  } else if (values !== undefined) {
    throw declError(raw, 'only enum args take a list of values');
  }
  return decl;
}

/** Env var name of an arg: BUTTONS_ARG_<NAME>, upper-cased, "-" → "_". */
export function argEnvName(name: string): string {
  return `BUTTONS_ARG_${name.toUpperCase().replaceAll('-', '_')}`;
}
