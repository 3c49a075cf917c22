// The main job, end to end: create a button, press it, look at its history — in a throwaway data dir.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'bin', 'buttons.js');
const home = mkdtempSync(join(tmpdir(), 'buttons-demo-'));
const env = { ...process.env, BUTTONS_HOME: join(home, 'data') };

function step(args) {
  console.log(`\n$ buttons ${args.map((a) => (/[\s$"']/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [bin, ...args], { env, stdio: 'inherit' });
  if (r.status !== 0) {
    rmSync(home, { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
}

try {
  step([
    'create',
    'greet',
    '--code',
    'echo "hello, $BUTTONS_ARG_WHO"',
    '--arg',
    'who:string:required',
    '-d',
    'say hello',
  ]);
  step(['press', 'greet', '--arg', 'who=world']);
  step(['press', 'greet', '--arg', 'who=$(rm -rf ~)', '--json']);
  step(['history', 'greet']);
  console.log(`\nDemo data dir (deleted now): ${home}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
