/** The environment of a script press: inherited env, the spec's env, batteries, args, run facts. */
import { argEnv } from '../core/arg-values.ts';
import { PRESS_TAG_VAR } from './process-tree.ts';
import type { RunRequest } from './runner.ts';

const PRESS_OWNED = /^BUTTONS_(ARG|BAT)_|^BUTTONS_PRESS_TAG$|^BUTTONS_RUN_ID$/;

export function scriptEnv(request: RunRequest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.baseEnv)) {
    // Values from an outer press must not leak into this one.
    if (value !== undefined && !PRESS_OWNED.test(key)) env[key] = value;
  }
  Object.assign(env, request.spec.env ?? {});
  for (const [key, value] of request.batteries) env[`BUTTONS_BAT_${key}`] = value;
  Object.assign(env, argEnv(request.args));
  env.BUTTONS_RUN_ID = request.runId;
  env.BUTTONS_BUTTON_NAME = request.spec.name;
  env.BUTTONS_BUTTON_DIR = request.buttonDir;
  env[PRESS_TAG_VAR] = request.runId;
  return env;
}
