#!/usr/bin/env node
// Starts the CLI on Node 24 or later. Started by an older Node, it re-runs itself with the Node 24 that
// the package brings as a dependency, so a machine with only an old Node still works.
// CommonJS (see bin/package.json): a short-lived CLI starts faster without the ES module loader.

/**
 * Replaces this process with `node ARGS…`. Without process.execve (Node before 22.15) it runs it as a
 * child instead and passes on the signals meant for this process — a SIGTERM must still reach a running
 * press so that it ends its scripts — then exits the way the child did.
 */
function rerun(node, args) {
  if (process.execve) process.execve(node, [node, ...args]);
  const child = require('node:child_process').spawn(node, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}

const path = require('node:path');

const BUNDLE = path.join(__dirname, '..', 'dist', 'cli.js');
const COMPILE_CACHE = path.join(__dirname, '..', 'dist', 'node-compile-cache');

/**
 * Loads the bundle with a V8 code cache the build wrote next to it (see scripts/train-code-cache.mjs):
 * `cli.press.cache` for a press, `cli.cache` for anything else. Each was taken after its commands ran,
 * so it holds the functions they call; Node's own compile cache holds only the code compiled before
 * anything ran (~10 ms more per cold command). A cache V8 rejects (another Node build) only costs the
 * compile. Returns the bundle's exports and, for the trainer, the compiled script.
 */
function loadBundle(file, command) {
  // Without Node's start-up snapshot V8 rejects a code cache taken with it (and compiling all of the
  // bundle then costs more than require does): there, Node's compile cache serves.
  if (process.execArgv.includes('--no-node-snapshot')) return { exports: require(file), script: undefined };
  const { readFileSync } = require('node:fs');
  const { Script } = require('node:vm');
  const { createRequire } = require('node:module');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  let cachedData;
  try {
    cachedData = readFileSync(file.replace(/\.js$/, command === 'press' ? '.press.cache' : '.cache'));
  } catch {
    // No cache yet (a build in progress, or a copy without it): compile as usual.
  }
  // No dynamic-import loader: the build makes sure the bundle has no import() left (builtins loaded
  // lazily go through process.getBuiltinModule).
  const script = new Script(wrapped, { filename: file, cachedData });
  const bundleModule = { exports: {} };
  script
    .runInThisContext()
    .call(
      bundleModule.exports,
      bundleModule.exports,
      createRequire(file),
      bundleModule,
      file,
      path.dirname(file),
    );
  return { exports: bundleModule.exports, script };
}

module.exports = { BUNDLE, loadBundle, rerun };

function start() {
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
    return rerun(node, process.argv.slice(1));
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
    return rerun(process.execPath, ['--no-node-snapshot', ...process.execArgv, ...process.argv.slice(1)]);
  }
  // --- end of sandbox hosts
  // Other modules (undici, isolated-vm) use Node's compile cache, kept beside the bundle. Not Node's
  // default, os.tmpdir(): every user of the machine can write there, and a cache entry planted by another
  // user is code this process would run.
  require('node:module').enableCompileCache?.(process.env.NODE_COMPILE_CACHE || COMPILE_CACHE);
  loadBundle(BUNDLE, command)
    .exports.main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}

if (require.main === module) start();
