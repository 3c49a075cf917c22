// Writes a V8 code cache bin/buttons.js loads the CLI bundle with: runs commands in one process, then
// serializes the bundle with everything they compiled. Two caches, as a bigger cache costs every start
// more to read: `node train-code-cache.mjs press` writes dist/cli.press.cache (presses, the hot path), and
// `node train-code-cache.mjs` writes dist/cli.cache (the other commands an agent runs most). Run by
// scripts/build.mjs after each build; `buttons create` runs in its own process, so the schema library it
// loads stays out of both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const bin = join(import.meta.dirname, '..', 'bin', 'buttons.js');
const { BUNDLE, loadBundle } = require(bin);

const PRESS = [['press', 'warm-up', '--arg', 'who=cache']];
const OTHERS = [...PRESS, ['history', 'warm-up'], ['logs', 'warm-up'], ['list'], ['summary'], ['version']];
const forPress = process.argv[2] === 'press';

const home = mkdtempSync(join(tmpdir(), 'buttons-train-'));
process.env.HOME = home;
process.env.BUTTONS_HOME = join(home, 'data');
const cache = BUNDLE.replace(/\.js$/, forPress ? '.press.cache' : '.cache');
const partial = `${cache}.${process.pid}`;
try {
  const create = ['create', 'warm-up', '--code', 'echo "$BUTTONS_ARG_WHO"', '--arg', 'who:string:optional'];
  const created = spawnSync(process.execPath, [bin, ...create], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`buttons create failed: ${created.stdout}${created.stderr}`);
  const { exports, script } = loadBundle(BUNDLE, forPress ? 'press' : undefined);
  for (const argv of forPress ? PRESS : OTHERS) {
    const code = await exports.main(argv);
    if (code !== 0) throw new Error(`buttons ${argv.join(' ')} exited with ${code}`);
  }
  writeFileSync(partial, script.createCachedData());
  renameSync(partial, cache);
} finally {
  rmSync(home, { recursive: true, force: true });
  rmSync(partial, { force: true });
}
