// Bundles the CLI into dist/ (ESM, code-split so that rarely used parts load only when needed).
// Builds into a fresh folder and swaps it in, so a test running meanwhile never sees half a build.
import { readFileSync, renameSync, rmSync } from 'node:fs';
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
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  external: ['isolated-vm'],
  define: { BUTTONS_VERSION: JSON.stringify(pkg.version) },
  // commander is CommonJS: give the bundle a real require for its node: built-ins.
  banner: {
    js: "import { createRequire as __buttonsCreateRequire } from 'node:module';\nconst require = __buttonsCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});

try {
  renameSync(target, old);
} catch {
  // First build: nothing to move aside.
}
renameSync(fresh, target);
rmSync(old, { recursive: true, force: true });
