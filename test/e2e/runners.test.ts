// Pins what each kind of press gives back: exit codes, missing runtimes, truncation, prompts, dry runs.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('press results', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
  });
  after(() => sb.cleanup());

  it('a non-zero exit is SCRIPT_ERROR with the real exit code and output kept', () => {
    cli(sb, ['create', 'fails', '--code', 'echo partial; echo oops >&2; exit 7']);
    const r = cli(sb, ['press', 'fails']);
    assert.equal(r.code, 10);
    assert.equal(r.json.ok, false);
    assert.equal(r.json.error.code, 'SCRIPT_ERROR');
    assert.match(r.json.error.message, /exited with code 7/);
    assert.equal(r.json.data.exit_code, 7);
    assert.equal(r.json.data.stdout, 'partial\n');
    assert.equal(r.json.data.stderr, 'oops\n');
  });

  it('a missing interpreter is RUNTIME_MISSING, not a crash', () => {
    cli(sb, ['create', 'py', '--runtime', 'python', '--code', 'print(1)']);
    const r = cli(sb, ['press', 'py'], { env: { PATH: '/nonexistent' } });
    assert.equal(r.code, 12, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'RUNTIME_MISSING');
    assert.match(r.json.error.message, /python3 or python/);
  });

  it('output over the bound is cut, drained and marked truncated', () => {
    assert.equal(cli(sb, ['config', 'set', 'output.max_bytes', '1024']).code, 0);
    cli(sb, ['create', 'loud', '--code', 'head -c 3000000 /dev/zero | tr "\\0" x; echo done >&2']);
    const r = cli(sb, ['press', 'loud']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.data.stdout.length, 1024);
    assert.deepEqual(r.json.data.truncated, { stdout: true, stderr: false });
    assert.equal(r.json.data.stderr, 'done\n');
    assert.equal(cli(sb, ['config', 'set', 'output.max_bytes', '1048576']).code, 0);
  });

  it('a flood of output is cut back to the bound while the script still runs, and leaves no file', () => {
    assert.equal(cli(sb, ['config', 'set', 'output.max_bytes', '1024']).code, 0);
    // The script measures its own stdout (size and 512-byte blocks) right after 20 MB, then a moment later.
    const measure = 'stat -L -c "%s %b" /proc/$$/fd/1';
    cli(sb, [
      'create',
      'flood',
      '--code',
      `head -c 20000000 /dev/zero | tr "\\0" x; a=$(${measure}); sleep 0.5; b=$(${measure}); echo "$a/$b" >&2`,
    ]);
    const r = cli(sb, ['press', 'flood']);
    assert.equal(r.code, 0, r.stderr);
    const [before, after] = r.json.data.stderr
      .trim()
      .split('/')
      .map((s: string) => s.split(' ').map(Number));
    assert.equal(before[0], 20_000_000, 'the script wrote its 20 MB');
    assert.equal(after[0], 1024, 'then its output was cut back to the bound');
    assert.ok(after[1] * 512 <= 8192, `and the space freed (${after[1]} blocks)`);
    assert.equal(r.json.data.stdout, 'x'.repeat(1024));
    assert.deepEqual(r.json.data.truncated, { stdout: true, stderr: false });
    assert.deepEqual(
      readdirSync(sb.data).filter((f) => f.startsWith('.')),
      [],
      'no capture file is left in the data dir',
    );
    assert.equal(cli(sb, ['config', 'set', 'output.max_bytes', '1048576']).code, 0);
  });

  it('JSON printed by a script comes back as structured output', () => {
    cli(sb, [
      'create',
      'json',
      '--runtime',
      'node',
      '--code',
      'console.log(JSON.stringify({ n: 42, ok: true }))',
    ]);
    assert.deepEqual(cli(sb, ['press', 'json']).json.data.output, { n: 42, ok: true });
  });

  it('a prompt button returns its instructions as data.prompt', () => {
    cli(sb, ['create', 'review', '--prompt', 'Review the diff for injection bugs.']);
    const r = cli(sb, ['press', 'review']);
    assert.equal(r.code, 0);
    assert.equal(r.json.data.prompt, 'Review the diff for injection bugs.');
    assert.equal(r.json.data.runtime, 'prompt');
  });

  it('a prompt attached to a script comes back beside its output', () => {
    cli(sb, ['create', 'both', '--code', 'echo data', '--prompt', 'Summarise the data.']);
    const r = cli(sb, ['press', 'both']);
    assert.equal(r.json.data.stdout, 'data\n');
    assert.equal(r.json.data.prompt, 'Summarise the data.');
  });

  it('--dry-run validates and shows the command, and runs nothing', () => {
    const canary = join(sb.dir, 'dry');
    cli(sb, ['create', 'dry', '--code', `touch ${canary}`, '--arg', 'mode:enum:required:a|b']);
    const r = cli(sb, ['press', 'dry', '--arg', 'mode=b', '--dry-run']);
    assert.equal(r.code, 0);
    assert.equal(r.json.data.dry_run, true);
    assert.equal(r.json.data.plan.env.BUTTONS_ARG_MODE, 'b');
    assert.match(r.json.data.plan.command.join(' '), /\/sh .*main\.sh$/);
    assert.equal(existsSync(canary), false);
    assert.equal(
      cli(sb, ['press', 'dry', '--arg', 'mode=c', '--dry-run']).json.error.code,
      'VALIDATION_ERROR',
    );
    assert.equal(cli(sb, ['history', 'dry']).json.data.runs.length, 0);
  });

  it('--file copies a script and infers its runtime from the extension, then the shebang', () => {
    const py = join(sb.dir, 'hello.py');
    writeFileSync(py, 'print("from python")\n');
    const noExt = join(sb.dir, 'tool');
    writeFileSync(noExt, '#!/usr/bin/env bash\necho "from $BASH_VERSION"\n');
    assert.equal(cli(sb, ['create', 'fpy', '--file', py]).json.data.runtime, 'python');
    assert.equal(cli(sb, ['create', 'fbash', '--file', noExt]).json.data.runtime, 'bash');
    writeFileSync(py, 'print("changed after create")\n');
    assert.equal(cli(sb, ['press', 'fpy']).json.data.stdout, 'from python\n');
    assert.match(cli(sb, ['press', 'fbash']).json.data.stdout, /^from \d+\.\d+/);
  });

  it('no source scaffolds a script and says where to edit it', () => {
    const r = cli(sb, ['create', 'todo', '--runtime', 'python']);
    assert.equal(r.json.data.scaffolded, true);
    assert.match(r.json.data.entry, /buttons\/todo\/main\.py$/);
    assert.equal(cli(sb, ['press', 'todo']).json.data.stdout, 'Hello from todo\n');
  });

  it('refuses a second button of the same name', () => {
    const r = cli(sb, ['create', 'fails', '--code', 'true']);
    assert.equal(r.code, 5);
    assert.equal(r.json.error.code, 'ALREADY_EXISTS');
  });
});
