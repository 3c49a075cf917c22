#!/usr/bin/env node
// Starts the CLI on Node 24 or later. Started by an older Node, it re-runs itself with the Node 24 that
// the package brings as a dependency, so a machine with only an old Node still works.
// CommonJS (see bin/package.json): a short-lived CLI starts faster without the ES module loader.

/** Replaces this process with `node ARGS…` (or runs it and passes its exit on). */
function rerun(node, args) {
  if (process.execve) process.execve(node, [node, ...args]);
  const result = require('node:child_process').spawnSync(node, args, { stdio: 'inherit' });
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  let node;
  try {
    node = require.resolve('node/bin/node');
  } catch {
    process.stderr.write(
      `buttons needs Node 24 or later (this is ${process.version}); run npm install in its folder.\n`,
    );
    process.exit(1);
  }
  rerun(node, process.argv.slice(1));
}
// --- Sandbox hosts (src/sandbox/process/snapshot-policy.ts): isolated-vm wants Node's start-up snapshot
// off (--no-node-snapshot, 50-100 ms more start-up) except where verified without it (linux-x64). There,
// nothing to do; elsewhere only the commands that host isolates pay for it: they re-exec in place.
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const verified = process.platform === 'linux' && process.arch === 'x64';
if (
  !verified &&
  (command === 'run' || command === 'replay') &&
  !process.execArgv.includes('--no-node-snapshot')
) {
  rerun(process.execPath, ['--no-node-snapshot', ...process.execArgv, ...process.argv.slice(1)]);
}
// --- end of sandbox hosts
require('node:module').enableCompileCache?.();
require('../dist/cli.js');
