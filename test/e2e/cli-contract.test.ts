// Pins the CLI contract: envelopes, usage errors, help with examples, version, completion, live output.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN, cli, cliAsync, makeSandbox, ROOT, type Sandbox } from '../helpers/cli.ts';

describe('CLI contract', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
  });
  after(() => sb.cleanup());

  it('answers in JSON when stdout is not a terminal, and a usage error is USAGE (exit 2)', () => {
    const r = cli(sb, ['press']);
    assert.equal(r.code, 2);
    assert.equal(r.json.ok, false);
    assert.equal(r.json.error.code, 'USAGE');
    assert.match(r.json.error.message, /missing required argument 'name'/);
    assert.equal(cli(sb, ['frobnicate', '--nope']).json.error.code, 'USAGE');
  });

  it('shows help with examples for every command', () => {
    for (const command of [
      'create',
      'press',
      'list',
      'inspect',
      'history',
      'logs',
      'summary',
      'delete',
      'batteries',
      'config',
      'completion',
    ]) {
      const r = cli(sb, [command, '--help']);
      assert.equal(r.code, 0, command);
      assert.match(r.stdout, new RegExp(`Usage: buttons ${command}`), command);
      assert.match(r.stdout, /Examples:\n {2}\$ buttons /, command);
    }
  });

  it('`buttons NAME` is short for `buttons inspect NAME`', () => {
    cli(sb, ['create', 'shorty', '--code', 'echo hi', '--arg', 'who:string:optional', '-d', 'says hi']);
    const short = cli(sb, ['shorty']);
    assert.equal(short.code, 0, short.stdout);
    assert.equal(short.json.data.spec.description, 'says hi');
    assert.deepEqual(short.json.data, cli(sb, ['inspect', 'shorty']).json.data);
    assert.equal(cli(sb, ['nosuch']).json.error.code, 'NOT_FOUND');
  });

  it('prints the version', () => {
    const r = cli(sb, ['version']);
    assert.match(r.json.data.version, /^\d+\.\d+\.\d+/);
    assert.match(r.json.data.node, /^24\./);
  });

  it('prints completion scripts for bash, zsh and fish, and refuses others', () => {
    assert.match(cli(sb, ['completion', 'bash']).json.data.script, /complete -F _buttons buttons/);
    assert.match(cli(sb, ['completion', 'zsh']).json.data.script, /#compdef buttons/);
    assert.match(cli(sb, ['completion', 'fish']).json.data.script, /complete -c buttons/);
    assert.equal(cli(sb, ['completion', 'tcsh']).json.error.code, 'VALIDATION_ERROR');
  });

  it('--follow streams output while the script still runs, and keeps stdout one envelope', async () => {
    cli(sb, ['create', 'slowly', '--code', 'echo first; sleep 1; echo second']);
    const { child, done } = cliAsync(sb, ['press', 'slowly', '--follow']);
    let early = '';
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        early += chunk.toString();
        if (early.includes('first')) resolve();
      });
    });
    assert.equal(child.exitCode, null, 'first line arrived before the script ended');
    const r = await done;
    assert.equal(r.code, 0);
    assert.equal(r.json.data.stdout, 'first\nsecond\n');
  });

  it('a large answer arrives whole through a non-blocking pipe that is full most of the time', async () => {
    // 1 MiB of output makes a ~1 MiB envelope, sixteen times what a pipe holds. A Node wrapper makes its
    // stdout non-blocking (as Node does to any pipe it writes to) and becomes the CLI, which inherits that
    // pipe; a slow reader keeps it full, so the CLI's writes keep failing with EAGAIN (strace counts a
    // dozen) and must be retried.
    cli(sb, ['create', 'big', '--code', 'head -c 1048576 /dev/zero | tr "\\0" y']);
    const become = `process.stdout; process.execve(process.execPath, [process.execPath, ${JSON.stringify(BIN)}, 'press', 'big'])`;
    const child = spawn(process.execPath, ['-e', become], {
      cwd: sb.dir,
      env: sb.env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 1);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    assert.equal(envelope.data.stdout, 'y'.repeat(1048576));
  });

  it('config refuses unknown keys and out-of-range values, naming them', () => {
    assert.match(cli(sb, ['config', 'set', 'nope', '1']).json.error.message, /unknown setting "nope"/);
    const r = cli(sb, ['config', 'set', 'output.max_bytes', '12']);
    assert.equal(r.json.error.code, 'VALIDATION_ERROR');
    assert.match(r.json.error.message, /output\.max_bytes must be >= 1024/);
  });

  it("keeps Node's compile cache beside the bundle, never in the temp dir every user shares", () => {
    // An HTTP press loads undici from node_modules, which is what the compile cache holds.
    const tmp = join(sb.dir, 'shared-tmp');
    mkdirSync(tmp);
    const made = cli(sb, ['create', 'refused', '--url', 'http://127.0.0.1:9/', '--allow-private-networks']);
    assert.equal(made.code, 0, made.stdout + made.stderr);
    const r = cli(sb, ['press', 'refused'], { env: { TMPDIR: tmp } });
    assert.equal(r.json.error.code, 'HTTP_ERROR', r.stdout + r.stderr);
    assert.deepEqual(readdirSync(tmp), [], 'something was written to the shared temp dir');
    assert.ok(existsSync(join(ROOT, 'dist', 'node-compile-cache')));
  });
});
