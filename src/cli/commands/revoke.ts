/** `buttons revoke RUN_ID CAP[=RESOURCE]…`: withdraw capabilities from a running sandbox, from any process. */
import type { Command } from 'commander';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { isRunId } from '../../core/run-id.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { examples } from '../help.ts';

export async function revokeCommand(
  ctx: CommandContext,
  runId: string,
  caps: string[],
): Promise<CommandResult> {
  if (!isRunId(runId))
    throw new ButtonsError(ErrorCode.VALIDATION_ERROR, `${JSON.stringify(runId)} is not a run id`);
  if (caps.length === 0)
    throw new ButtonsError(ErrorCode.USAGE, 'name at least one capability to revoke, e.g. fs=/data or all');
  const { parseRevokeItem, revokeInRun } = await import('../../sandbox/grants/revoke-api.ts');
  const items = caps.map((c) => parseRevokeItem(c, ctx.cwd));
  const revoked = revokeInRun(ctx.workspace().root, runId, items);
  const generation = revoked.at(-1)?.generation ?? 0;
  const list = revoked.map((r) => (r.resource === undefined ? r.cap : `${r.cap}=${r.resource}`)).join(', ');
  return {
    data: {
      run_id: runId,
      generation,
      revoked: revoked.map((r) => ({ generation: r.generation, cap: r.cap, resource: r.resource ?? null })),
    },
    text: `Revoked ${list} from run ${runId} (generation ${generation}): every check from now on is denied.\n`,
  };
}

export function registerRevoke(
  program: Command,
  run: (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>,
): void {
  program
    .command('revoke')
    .description('withdraw capabilities from a running sandbox; checks after this returns are denied')
    .argument('<run-id>', 'the run id `buttons run` printed when it started')
    .argument(
      '<caps...>',
      'fs, net, run, env, press or all, each optionally =RESOURCE (a path, host, key, program, button)',
    )
    .addHelpText(
      'after',
      examples([
        'buttons revoke 20261122T101500123Z-0a1b2c3d4e5f net',
        'buttons revoke 20261122T101500123Z-0a1b2c3d4e5f fs=/data/private env=API_TOKEN',
        'buttons revoke 20261122T101500123Z-0a1b2c3d4e5f all',
      ]),
    )
    .action((runId: string, caps: string[]) => run((ctx) => revokeCommand(ctx, runId, caps)));
}
