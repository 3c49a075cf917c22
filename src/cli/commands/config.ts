/** `buttons config`, `version`, `completion`. */
import type { Command } from 'commander';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { VERSION } from '../../core/version.ts';
import { readSettings, SETTING_KEYS, writeSetting } from '../../store/settings.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { examples } from '../help.ts';
import { renderTable } from '../output.ts';
import { completionScript } from './completion.ts';

type Run = (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>;

async function configCommand(
  ctx: CommandContext,
  action: string | undefined,
  key: string | undefined,
  value: string | undefined,
): Promise<CommandResult> {
  const ws = ctx.workspace();
  if (action === 'set') {
    if (key === undefined || value === undefined)
      throw new ButtonsError(ErrorCode.USAGE, 'usage: buttons config set KEY VALUE');
    const settings = await writeSetting(ws, key, value);
    return {
      data: { key, value: settings[key as keyof typeof settings] },
      text: `${key} = ${settings[key as keyof typeof settings]}\n`,
    };
  }
  const settings = await readSettings(ws);
  if (action === 'get') {
    if (key === undefined || !Object.hasOwn(SETTING_KEYS, key)) {
      throw new ButtonsError(
        ErrorCode.VALIDATION_ERROR,
        `unknown setting ${JSON.stringify(key ?? '')}`,
        `Known settings: ${Object.keys(SETTING_KEYS).join(', ')}.`,
      );
    }
    const v = settings[key as keyof typeof settings];
    return { data: { key, value: v }, text: `${v}\n` };
  }
  if (action !== undefined && action !== 'list')
    throw new ButtonsError(ErrorCode.USAGE, `unknown config action "${action}" (list, get, set)`);
  const rows = Object.entries(SETTING_KEYS).map(([k, about]) => [
    k,
    String(settings[k as keyof typeof settings]),
    about,
  ]);
  return {
    data: { data_dir: ws.root, data_dir_source: ws.dirs.source, settings },
    text: `data dir: ${ws.root} (${ws.dirs.source})\n${renderTable(['KEY', 'VALUE', 'MEANING'], rows)}`,
  };
}

export function registerConfig(program: Command, run: Run): void {
  program
    .command('config')
    .description('show or change settings (history retention, output bound, kill grace)')
    .argument('[action]', 'list | get | set')
    .argument('[key]')
    .argument('[value]')
    .addHelpText(
      'after',
      examples([
        'buttons config',
        'buttons config set history.keep 500',
        'buttons config get output.max_bytes --json',
      ]),
    )
    .action((action?: string, key?: string, value?: string) =>
      run((ctx) => configCommand(ctx, action, key, value)),
    );
  program
    .command('version')
    .description('print the version')
    .action(() =>
      run(async () => ({
        data: { version: VERSION, node: process.versions.node },
        text: `buttons ${VERSION} (node ${process.versions.node})\n`,
      })),
    );
  program
    .command('completion')
    .description('print a shell completion script')
    .argument('[shell]', 'bash | zsh | fish', 'bash')
    .addHelpText(
      'after',
      examples([
        'buttons completion bash >> ~/.bashrc',
        'buttons completion zsh > ~/.zfunc/_buttons',
        'buttons completion fish > ~/.config/fish/completions/buttons.fish',
      ]),
    )
    .action((shell: string) =>
      run(async () => {
        const names = program.commands.map((c) => c.name());
        const script = completionScript(shell, names);
        return { data: { shell, script }, text: script };
      }),
    );
}
