/**
 * The environment inside the sandbox, built from nothing: PATH, LANG, a private HOME and TMPDIR, the
 * granted host keys, the button's own env, the batteries it declares, its args and the run facts.
 */
import { argEnv } from '../core/arg-values.ts';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { PRESS_TAG_VAR } from '../runners/process-tree.ts';
import type { RunRequest } from '../runners/runner.ts';
import { PRIVATE_HOME, PRIVATE_TMP } from './sandbox-view.ts';

/** Set by a press for its own script: an outer press's values must never leak in through a grant. */
const PRESS_OWNED = /^BUTTONS_(ARG|BAT)_|^BUTTONS_PRESS_TAG$|^BUTTONS_RUN_ID$/;

export function envKeyGranted(key: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p === '*' || p === key || (p.endsWith('*') && key.startsWith(p.slice(0, -1))));
}

function grantedHostEnv(request: RunRequest, patterns: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  if (patterns.length === 0) return env;
  for (const [key, value] of Object.entries(request.baseEnv)) {
    if (value !== undefined && !PRESS_OWNED.test(key) && envKeyGranted(key, patterns)) env[key] = value;
  }
  return env;
}

/** Only the batteries the button declares in `requires_batteries`; a declared one that is unset stops the press. */
function declaredBatteries(request: RunRequest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of request.spec.requires_batteries ?? []) {
    const value = request.batteries.get(key);
    if (value === undefined) {
      throw new ButtonsError(
        ErrorCode.NOT_FOUND,
        `battery ${key} is required by button "${request.spec.name}" but is not set`,
        `Set it with: buttons batteries set ${key}`,
      );
    }
    env[`BUTTONS_BAT_${key}`] = value;
  }
  return env;
}

export function sandboxEnv(
  request: RunRequest,
  hostPath: string,
  envGrants: readonly string[],
): Record<string, string> {
  return {
    ...grantedHostEnv(request, envGrants),
    PATH: hostPath,
    LANG: request.baseEnv.LANG || 'C.UTF-8',
    HOME: PRIVATE_HOME,
    TMPDIR: PRIVATE_TMP,
    ...request.spec.env,
    ...declaredBatteries(request),
    ...argEnv(request.args),
    BUTTONS_RUN_ID: request.runId,
    BUTTONS_BUTTON_NAME: request.spec.name,
    BUTTONS_BUTTON_DIR: request.buttonDir,
    // Lets the press find (and end) its processes from outside the PID namespace as well.
    [PRESS_TAG_VAR]: request.runId,
  };
}
