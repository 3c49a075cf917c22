// Bundles the CLI into dist/ (ESM, code-split so that rarely used parts load only when needed).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/entry.ts' },
  outdir: 'dist',
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
