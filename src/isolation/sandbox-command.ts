/** Turns a press of a sandboxed script button into one bubblewrap command, refusing anything it cannot honour. */
import { homedir } from 'node:os';
import { delimiter } from 'node:path';
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { emptyGrants, type Grants } from '../core/grants.ts';
import { findProgram } from '../runners/find-program.ts';
import type { RunRequest } from '../runners/runner.ts';
import { type ScriptCommand, scriptCommand } from '../runners/script-runner.ts';
import { bwrapArgs } from './bwrap-args.ts';
import { checkIsolationGrants } from './grants-check.ts';
import { realPath } from './host-paths.ts';
import { launcherArgs, type SandboxLimits, sandboxLimits } from './limits.ts';
import { isVisible, type Mount } from './mount-plan.ts';
import { sandboxEnv } from './sandbox-env.ts';
import { PRIVATE_HOME, sandboxView } from './sandbox-view.ts';
import { locateBwrap } from './unavailable.ts';

export interface SandboxCommand {
  command: ScriptCommand;
  limits: SandboxLimits;
  mounts: Mount[];
  shareNet: boolean;
  cwd: string;
}

function grantedProgram(program: string, path: string): string {
  const found = findProgram(program, path);
  if (found === undefined) {
    throw new ButtonsError(
      ErrorCode.RUNTIME_MISSING,
      `--allow-run=${program}: the granted program was not found on PATH`,
      'Install it, or create the button again without that grant.',
    );
  }
  return found;
}

/** The press's working directory when the script can see it, else its private home. */
function insideCwd(cwd: string, mounts: readonly Mount[]): string {
  const real = realPath(cwd);
  return real !== undefined && isVisible(real, mounts) ? real : PRIVATE_HOME;
}

export function sandboxCommand(request: RunRequest): SandboxCommand {
  const grants: Grants = request.spec.grants ?? emptyGrants();
  // A spec edited by hand is held to the same rules as one made by `create --sandbox`.
  checkIsolationGrants(grants);
  // Programs are found on the user's PATH, never on one the button's own env sets: a button must not pick
  // its own "bwrap", nor steer which host folders get exposed as its interpreter's install.
  const userPath = request.baseEnv.PATH ?? '';
  const bwrap = locateBwrap(userPath);
  const { PATH: buttonPath, ...buttonEnv } = request.spec.env ?? {};
  const script = scriptCommand({ ...request, spec: { ...request.spec, env: buttonEnv } });
  const hostPath = buttonPath ?? userPath;
  const entry = realPath(script.args[0]!) ?? script.args[0]!;
  const shareNet = grants.net.includes('*');
  const mounts = sandboxView({
    hidden: [request.baseEnv.HOME ?? '', homedir(), request.dataRoot].filter((p) => p !== ''),
    fs: grants.fs,
    entry,
    interpreter: script.program,
    programs: grants.run.map((program) => grantedProgram(program, userPath)),
    pathDirs: hostPath.split(delimiter),
    shareNet,
  });
  const limits = sandboxLimits(request);
  const cwd = insideCwd(request.cwd, mounts);
  const args = bwrapArgs({ mounts, shareNet, cwd }, launcherArgs(limits, script.program, [entry]));
  const env = sandboxEnv(request, hostPath, grants.env);
  return { command: { program: bwrap, args, env }, limits, mounts, shareNet, cwd };
}
