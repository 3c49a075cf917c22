/**
 * `buttons press` is the hot path (an agent presses hundreds of times), so its plain forms are read here
 * without loading the full command parser. Anything unusual (help, unknown flags) returns undefined and
 * goes through commander, which owns the error messages.
 */
export interface FastPress {
  name: string;
  flags: { arg: string[]; timeout?: string; dryRun?: boolean; follow?: boolean };
}

const VALUE_FLAGS = new Set(['--arg', '--timeout']);

export function parseFastPress(argv: readonly string[]): FastPress | undefined {
  if (argv[0] !== 'press') return undefined;
  let name: string | undefined;
  const flags: FastPress['flags'] = { arg: [] };
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i]!;
    const eq = token.indexOf('=');
    const flag = token.startsWith('--') && eq > 0 ? token.slice(0, eq) : token;
    let value: string | undefined;
    if (VALUE_FLAGS.has(flag)) {
      value = flag === token ? argv[++i] : token.slice(eq + 1);
      if (value === undefined) return undefined;
    }
    if (flag === '--arg') flags.arg.push(value!);
    else if (flag === '--timeout') flags.timeout = value;
    else if (token === '--dry-run') flags.dryRun = true;
    else if (token === '--follow') flags.follow = true;
    else if (!token.startsWith('-') && name === undefined) name = token;
    else return undefined;
  }
  return name === undefined ? undefined : { name, flags };
}
