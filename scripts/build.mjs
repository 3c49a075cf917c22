// Bundles the CLI into dist/ as CommonJS: one file per process entry. Modules the code imports lazily
// (`await import(…)`) stay lazy inside the bundle — their top-level code runs only when first needed.
// CommonJS because it starts measurably faster than ES modules for a short-lived CLI (see bench/press.ts).
// Builds into a fresh folder and swaps it in, so a test running meanwhile never sees half a build.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// `node scripts/build.mjs OUTDIR` builds elsewhere (benchmarks and profiling use a private copy).
const target = process.argv[2] ?? 'dist';
const fresh = `${target}.new-${process.pid}`;
const old = `${target}.old-${process.pid}`;

await build({
  entryPoints: { cli: 'src/cli/entry.ts', 'sandbox-worker': 'src/sandbox/process/worker-main.ts' },
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
