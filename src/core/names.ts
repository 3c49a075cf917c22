import { ButtonsError, ErrorCode } from './errors.ts';

/** Button and drawer names are slugs so that a name can never address a path outside its folder. */
export const NAME_RULE = 'a name is 1-64 characters of a-z, 0-9 and "-", starting with a letter or digit';
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isValidName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

export function assertName(name: string, field = 'name'): string {
  if (!isValidName(name)) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${field} ${JSON.stringify(name)} is not allowed: ${NAME_RULE}`,
      'Use a slug such as "deploy-site".',
    );
  }
  return name;
}

/** Battery keys become env var suffixes (BUTTONS_BAT_<KEY>). */
export const BATTERY_KEY_RULE = 'a battery key is 1-128 characters matching [A-Z][A-Z0-9_]*';
const BATTERY_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,127}$/;

export function assertBatteryKey(key: string): string {
  if (!BATTERY_KEY_PATTERN.test(key)) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `battery key ${JSON.stringify(key)} is not allowed: ${BATTERY_KEY_RULE}`,
      'Use upper-case letters, digits and "_", e.g. GITHUB_TOKEN.',
    );
  }
  return key;
}
