/** `buttons create NAME`: a new button from code, a file, a URL, a prompt, or a scaffold to edit. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseArgDecl } from '../../core/arg-types.ts';
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { hasAnyGrant, parseGrants } from '../../core/grants.ts';
import { assertBatteryKey, assertName } from '../../core/names.ts';
import { type ButtonSpec, ENTRY_FILES, isScriptRuntime, SPEC_SCHEMA_VERSION } from '../../core/spec.ts';
import { parseSpec } from '../../core/spec-schema.ts';
import { validateTimeout } from '../../press/validate.ts';
import { createButton } from '../../store/button-store.ts';
import type { CommandContext, CommandResult } from '../context.ts';
import { GRANT_HELP } from '../grant-flags.ts';
import { collect, examples } from '../help.ts';
import { describeSpec } from '../show-spec.ts';
import { pickSource } from './create-source.ts';

interface CreateFlags {
  code?: string;
  file?: string;
  url?: string;
  prompt?: string;
  runtime?: string;
  description?: string;
  timeout?: string;
  arg: string[];
  method?: string;
  header: string[];
  body?: string;
  maxResponseSize?: string;
  allowPrivateNetworks?: boolean;
  followRedirects?: string;
  sandbox?: boolean;
  battery?: string[];
}

const DEFAULT_TIMEOUT_SECONDS = 60;

export async function createCommand(
  ctx: CommandContext,
  name: string,
  flags: CreateFlags,
): Promise<CommandResult> {
  assertName(name);
  const source = pickSource(flags, ctx.cwd, name);
  const grants = parseGrants(ctx.grants, ctx.cwd);
  const now = new Date().toISOString();
  const spec: ButtonSpec = {
    schema_version: SPEC_SCHEMA_VERSION,
    name,
    description: flags.description,
    runtime: source.runtime,
    args: flags.arg.map(parseArgDecl),
    timeout_seconds:
      flags.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : validateTimeout(Number(flags.timeout)),
    has_prompt: flags.prompt !== undefined ? true : undefined,
    created_at: now,
    updated_at: now,
  };
  const batteries = [...new Set((flags.battery ?? []).map((key) => assertBatteryKey(key)))];
  if (batteries.length > 0) spec.requires_batteries = batteries;
  const sandboxed = flags.sandbox === true || source.runtime === 'js' || source.runtime === 'ts';
  if (hasAnyGrant(grants) && !sandboxed) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      '--allow-… flags need --sandbox (or --runtime js|ts)',
      'Add --sandbox to run the script inside the OS sandbox with these grants.',
    );
  }
  if (
    flags.sandbox &&
    !isScriptRuntime(source.runtime) &&
    source.runtime !== 'js' &&
    source.runtime !== 'ts'
  ) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `--sandbox does not apply to ${source.runtime} buttons`,
    );
  }
  if (sandboxed) {
    spec.grants = grants;
    if (isScriptRuntime(source.runtime)) {
      spec.sandbox = true;
      (await import('../../isolation/grants-check.ts')).checkIsolationGrants(grants);
    }
  }
  if (source.runtime === 'http') {
    const { httpSpecFields } = await import('../../net/http-spec.ts');
    Object.assign(spec, httpSpecFields({ ...flags, url: flags.url! }, spec.args));
  } else if (
    [flags.method, flags.body, flags.maxResponseSize, flags.allowPrivateNetworks, flags.followRedirects].some(
      (v) => v !== undefined,
    ) ||
    flags.header.length > 0
  ) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      '--method, --header, --body, --max-response-size, --allow-private-networks and --follow-redirects need --url',
    );
  }
  const clean = JSON.parse(JSON.stringify(spec)) as ButtonSpec;
  parseSpec(clean, 'new button');
  const ws = ctx.workspace();
  const dir = createButton(ws, clean, { entry: source.entry, prompt: flags.prompt });
  const entryFile = ENTRY_FILES[clean.runtime];
  const entryPath = entryFile === undefined ? undefined : join(dir, entryFile);
  const data = { ...describeSpec(clean), path: dir, entry: entryPath, scaffolded: source.scaffolded };
  const next = source.scaffolded
    ? `Edit ${entryPath}, then press it: buttons press ${name}`
    : `Press it: buttons press ${name}`;
  return { data, text: `Created button "${name}" (${clean.runtime}) in ${dir}\n${next}\n` };
}

export function registerCreate(
  program: Command,
  run: (action: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>,
): void {
  program
    .command('create')
    .description('create a button from code, a file, a URL or a prompt')
    .argument('<name>', 'button name: a-z, 0-9 and "-", at most 64 characters')
    .option('--code <script>', 'the script, inline')
    .option('--file <path>', 'copy a script file (runtime from extension, then shebang)')
    .option('--url <url>', 'an HTTP button; {{arg}} placeholders in path, query and fragment')
    .option('--prompt <text>', 'instructions returned to the calling agent (alone, or with a script)')
    .option('--runtime <runtime>', 'shell | bash | python | node | js | ts')
    .option('-d, --description <text>', 'what the button does')
    .option('--timeout <seconds>', `press timeout (default ${DEFAULT_TIMEOUT_SECONDS})`)
    .option(
      '--arg <decl>',
      'declare an arg: name:type:required|optional[:a|b|c]; types string int bool enum secret',
      collect,
      [],
    )
    .option('--method <method>', 'HTTP method (default GET)')
    .option('--header <header>', "HTTP header 'K: V' (repeatable)", collect, [])
    .option('--body <template>', 'HTTP body template')
    .option('--max-response-size <size>', 'largest HTTP response kept, e.g. 10MiB')
    .option('--allow-private-networks', 'let an HTTP button reach private and loopback addresses')
    .option('--follow-redirects <policy>', 'none | same-host | any (default same-host)')
    .option(
      '--sandbox',
      'run a script button in the OS sandbox (bubblewrap): read-only system, no home, no network, only what --allow-… grants',
    )
    .option(
      '--battery <key>',
      'a battery the button needs (repeatable); a sandboxed script sees only these',
      collect,
      [],
    )
    .addHelpText(
      'after',
      `${GRANT_HELP}\n${examples([
        'buttons create greet --code \'echo "hello $BUTTONS_ARG_WHO"\' --arg who:string:required',
        'buttons create backup --file ./backup.py --timeout 300 -d "nightly backup"',
        "buttons create deploy --code 'make deploy ENV=$BUTTONS_ARG_ENV' --arg env:enum:required:dev|prod",
        'buttons create review --prompt "Review the diff for security issues"',
        'buttons create scratch --runtime python    # scaffold main.py to edit',
      ])}`,
    )
    .action((name: string, flags: CreateFlags) => run((ctx) => createCommand(ctx, name, flags)));
}
