// Attacks on the OS sandbox from the button's side: hand-edited specs, a button-supplied PATH with a fake
// bwrap, a fake "bwrap failed" message, unmounting the hidden home (also from a nested user namespace),
// rewriting its own entry script, an fd inherited by the press, and a symlink planted in a granted folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN, cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { homeOutsideTmp } from './helpers.ts';

describe('attacks on a sandboxed script button', () => {
  let sb: Sandbox;
  let outside: ReturnType<typeof homeOutsideTmp>;
  let secret: string;
  let shared: string;
  before(() => {
    outside = homeOutsideTmp();
    sb = makeSandbox(outside.env);
    secret = join(outside.home, 'secret.txt');
    writeFileSync(secret, 'HOME-SECRET');
    shared = join(sb.dir, 'shared');
    mkdirSync(shared);
  });
  after(() => {
    sb.cleanup();
    outside.cleanup();
  });

  function create(name: string, code: string, ...flags: string[]): string {
    const r = cli(sb, ['create', name, '--code', code, '--sandbox', ...flags]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    return r.json.data.path;
  }

  function editSpec(dir: string, edit: (spec: Record<string, unknown>) => void): void {
    const file = join(dir, 'button.json');
    const spec = JSON.parse(readFileSync(file, 'utf8'));
    edit(spec);
    writeFileSync(file, JSON.stringify(spec));
  }

  it('refuses at press a host list written into button.json by hand; the script does not run', () => {
    const dir = create('edited', `touch ${join(shared, 'edited-ran')}`, `--allow-fs=${shared}:rw`);
    editSpec(dir, (spec) => {
      (spec.grants as { net: string[] }).net = ['api.example.com'];
    });
    const r = cli(sb, ['press', 'edited']);
    assert.equal(r.json.error.code, 'VALIDATION_ERROR');
    assert.match(r.json.error.message, /host lists are a JS-sandbox feature/);
    assert.throws(() => readFileSync(join(shared, 'edited-ran')));
  });

  it("ignores a bwrap on the button's own PATH: a fake one that runs the script unsandboxed is never used", () => {
    const evil = join(sb.dir, 'evil-bin');
    mkdirSync(evil);
    // Drops every bwrap option and runs the command after "--" with the user's full rights.
    writeFileSync(
      join(evil, 'bwrap'),
      '#!/bin/sh\nwhile [ "$1" != "--" ]; do shift; done\nshift\nexec "$@"\n',
    );
    chmodSync(join(evil, 'bwrap'), 0o755);
    const dir = create('own-path', `cat ${secret}`);
    editSpec(dir, (spec) => {
      spec.env = { PATH: `${evil}:${process.env.PATH}` };
    });
    const r = cli(sb, ['press', 'own-path']);
    assert.equal(r.json.error.code, 'SCRIPT_ERROR');
    assert.doesNotMatch(r.json.data.stdout, /HOME-SECRET/);
    assert.match(r.json.data.stderr, /No such file or directory/);
  });

  it('reports a script that fakes a bubblewrap failure as a script error, not SANDBOX_UNAVAILABLE', () => {
    create('faker', "echo 'bwrap: No permissions to creating new namespace' >&2; exit 1");
    const r = cli(sb, ['press', 'faker']);
    assert.equal(r.code, 10);
    assert.equal(r.json.error.code, 'SCRIPT_ERROR');
  });

  it('cannot unmount the hidden home, not even from a nested user namespace', () => {
    const code = [
      `umount ${outside.home} 2>/dev/null && cat ${secret}`,
      `unshare -Urm sh -c 'umount -l ${outside.home}; cat ${secret}' 2>/dev/null`,
      'echo done',
    ].join('\n');
    create('unmount', code);
    const r = cli(sb, ['press', 'unmount']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.data.stdout, 'done\n');
  });

  it('cannot rewrite its own entry script', () => {
    const dir = create('persist', 'echo "echo owned" >> "$0"\necho tried');
    const before = readFileSync(join(dir, 'main.sh'), 'utf8');
    const r = cli(sb, ['press', 'persist']);
    assert.match(r.json.data.stderr, /Read-only file system/);
    assert.equal(readFileSync(join(dir, 'main.sh'), 'utf8'), before);
  });

  it('cannot read a file through an fd the press process inherited, which an unsandboxed script can', () => {
    // Node marks the low fds it inherits close-on-exec itself; a higher one stays open for children.
    const FD = 40;
    create('inherited', `cat /proc/self/fd/${FD}`);
    assert.equal(cli(sb, ['create', 'inherited-open', '--code', `cat /proc/self/fd/${FD}`]).code, 0);
    const secretFd = openSync(secret, 'r');
    try {
      const press = (name: string) =>
        JSON.parse(
          spawnSync(process.execPath, [BIN, 'press', name], {
            env: sb.env,
            encoding: 'utf8',
            // The CLI inherits the secret file on fd 40, as it might from a careless parent process.
            stdio: ['ignore', 'pipe', 'pipe', ...Array(FD - 3).fill('ignore'), secretFd],
          }).stdout,
        );
      assert.equal(press('inherited-open').data.stdout, 'HOME-SECRET');
      const boxed = press('inherited');
      assert.equal(boxed.ok, true);
      assert.equal(boxed.data.stdout, '');
    } finally {
      closeSync(secretFd);
    }
  });

  it('cannot reach the data dir through its own output files, which live there unlinked', () => {
    assert.equal(cli(sb, ['batteries', 'set', 'TOKEN', 'BATTERY-SECRET']).code, 0);
    // stdout and stderr are files in the data dir: walk from each to what lies beside it.
    const walk = (fd: number) =>
      `d=$(dirname "$(readlink /proc/$$/fd/${fd})"); echo "fd ${fd} in $d"; ` +
      `cat "$d/batteries.json" "$d/state.db" /proc/$$/fd/${fd}/../batteries.json; ls -A "$d"`;
    const code = `${walk(1)}; ${walk(2)}; exit 0`;
    create('via-output', code);
    // Unsandboxed, the same walk finds the batteries: the check below can see a leak.
    assert.equal(cli(sb, ['create', 'via-output-open', '--code', code]).code, 0);
    assert.match(cli(sb, ['press', 'via-output-open']).stdout, /TOKEN/);
    const r = cli(sb, ['press', 'via-output']);
    assert.equal(r.json.ok, true, r.stdout + r.stderr);
    assert.match(
      r.json.data.stdout,
      new RegExp(`fd 1 in ${outside.data}\n`),
      'the files live in the data dir',
    );
    assert.match(r.json.data.stdout, new RegExp(`fd 2 in ${outside.data}\n`));
    assert.match(r.json.data.stderr, /batteries\.json: No such file or directory/);
    const seen = r.json.data.stdout + r.json.data.stderr;
    assert.doesNotMatch(seen, /BATTERY-SECRET|TOKEN/);
    assert.doesNotMatch(
      seen,
      /^(batteries\.json|state\.db|settings\.json|cache)$/m,
      'the data dir is hidden',
    );
  });

  it('cannot read the home directory through a symlink planted in a granted folder', () => {
    symlinkSync(secret, join(shared, 'link-to-secret'));
    create('via-link', `cat ${join(shared, 'link-to-secret')}`, `--allow-fs=${shared}:r`);
    const r = cli(sb, ['press', 'via-link']);
    assert.equal(r.json.error.code, 'SCRIPT_ERROR');
    assert.doesNotMatch(r.json.data.stdout, /HOME-SECRET/);
  });
});
