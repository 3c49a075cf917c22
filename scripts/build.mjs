// Bundles the CLI into dist/ as CommonJS: one file per process entry. Modules the code imports lazily
// (`await import(…)`) stay lazy inside the bundle — their top-level code runs only when first needed.
// CommonJS because it starts measurably faster than ES modules for a short-lived CLI (see bench/press.ts).
// Builds into a fresh folder and swaps it in, so a test running meanwhile never sees half a build.
// Then writes the CLI's V8 code caches (dist/cli*.cache, read by bin/buttons.js): scripts/train-code-cache.mjs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

// Paths below are relative to the package root, wherever the build is started from.
process.chdir(join(import.meta.dirname, '..'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const target = 'dist';
const fresh = `${target}.new-${process.pid}`;
const old = `${target}.old-${process.pid}`;

await build({
  entryPoints: { cli: 'src/cli/entry.ts', 'sandbox-worker': 'src/sandbox/process/worker-main.ts' },
  absWorkingDir: process.cwd(),
  outdir: fresh,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node24',
  // undici (the largest dependency, used only by HTTP buttons and sandbox fetch) loads from node_modules
  // on first use, so a press never parses it; small dependencies are bundled (unbundled zod alone loads
  // dozens of files).
  external: ['isolated-vm', 'undici', 'undici/*'],
  define: { BUTTONS_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__buttonsModuleUrl' },
  banner: { js: "var __buttonsModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
});
// bin/buttons.js runs the CLI bundle without a dynamic-import loader (vm.Script with a code cache), so an
// import() left in it would fail at run time: builtins loaded lazily go through process.getBuiltinModule.
const leftover = readFileSync(`${fresh}/cli.js`, 'utf8').match(/[^\w.$]import\(\s*["'`][^"'`]*/);
if (leftover)
  throw new Error(`dist/cli.js still calls ${leftover[0].slice(1)}…: use process.getBuiltinModule`);
// The package is "type": "module"; the bundles are CommonJS.
mkdirSync(fresh, { recursive: true });
writeFileSync(`${fresh}/package.json`, '{ "type": "commonjs" }\n');

try {
  renameSync(target, old);
} catch {
  // First build: nothing to move aside.
}
renameSync(fresh, target);
rmSync(old, { recursive: true, force: true });

// Only speed depends on the code caches: a failed training says so and leaves a working build.
for (const set of ['press', 'others']) {
  const trained = spawnSync(process.execPath, ['scripts/train-code-cache.mjs', set], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (trained.status !== 0) {
    console.warn(`build: no ${set} code cache (the CLI works without it, slower):\n${trained.stderr}`);
  }
}
