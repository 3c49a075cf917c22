/**
 * The `buttons:*` modules (also answering as `bua:*`): each is a tiny ES module re-exporting an object the
 * guest runtime built. Export names are fixed here, never read from the guest, so no guest value ever
 * becomes module source text.
 */
export const BUILTIN_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  fs: [
    'readFile',
    'readTextFile',
    'writeFile',
    'writeTextFile',
    'appendFile',
    'readDir',
    'stat',
    'exists',
    'remove',
    'mkdir',
  ],
  env: ['get', 'has', 'require', 'all', 'args'],
  run: ['exec'],
  tools: ['call', 'list', 'has'],
  agent: ['id', 'parentId', 'start', 'spawn', 'spawnAll', 'send', 'receive', 'output', 'input'],
  trace: ['log', 'debug', 'info', 'warn', 'error', 'checkpoint'],
  time: ['now', 'iso', 'monotonic', 'sleep'],
  random: ['bytes', 'uuid', 'float', 'int', 'pick', 'shuffle'],
  memory: ['get', 'set', 'delete', 'keys', 'clear'],
};

const PREFIXES = ['buttons:', 'bua:'];

/** The builtin's name for `buttons:fs` / `bua:fs`, or undefined for any other specifier. */
export function builtinName(specifier: string): string | undefined {
  const prefix = PREFIXES.find((p) => specifier.startsWith(p));
  if (prefix === undefined) return undefined;
  const name = specifier.slice(prefix.length);
  return Object.hasOwn(BUILTIN_EXPORTS, name) ? name : undefined;
}

export function builtinSource(name: string): string {
  const names = BUILTIN_EXPORTS[name] ?? [];
  const lines = [`const m = globalThis[Symbol.for('buttons.modules')][${JSON.stringify(name)}];`];
  for (const [i, exported] of names.entries()) lines.push(`const e${i} = m[${JSON.stringify(exported)}];`);
  lines.push(`export { ${names.map((exported, i) => `e${i} as ${exported}`).join(', ')} };`);
  lines.push('export default m;');
  return lines.join('\n');
}
