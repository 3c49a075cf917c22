// Pins what each grant gives a sandboxed script — and that nothing else comes with it: folders re-exposed
// inside the hidden home (read-only or writable), env keys by pattern, declared batteries only, the network.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { loopbackServer, PROBE } from './helpers.ts';

const ARGS = ['reads', 'writes', 'pids', 'port'].flatMap((name) => ['--arg', `${name}:string:optional`]);

describe('grants of a sandboxed script', () => {
  let sb: Sandbox;
  let docs: string;
  let results: string;
  before(() => {
    sb = makeSandbox();
    docs = join(sb.home, 'docs');
    results = join(sb.home, 'results');
    mkdirSync(docs, { recursive: true });
    mkdirSync(results);
    writeFileSync(join(docs, 'notes.txt'), 'granted notes');
    writeFileSync(join(sb.home, 'private.txt'), 'not granted');
  });
  after(() => sb.cleanup());

  function probe(name: string, grants: string[], args: string[], env: Record<string, string> = {}) {
    const made = cli(sb, ['create', name, '--file', PROBE, ...ARGS, '--sandbox', ...grants]);
    assert.equal(made.code, 0, made.stdout + made.stderr);
    const r = cli(sb, ['press', name, ...args.flatMap((a) => ['--arg', a])], { env });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    return r.json.data.output;
  }

  it('re-exposes a folder inside the hidden home: read-only with :r, writable with :rw', () => {
    const out = probe(
      'folders',
      [`--allow-fs=${docs}:r`, `--allow-fs=${results}:rw`],
      [
        `reads=${join(docs, 'notes.txt')},${join(sb.home, 'private.txt')}`,
        `writes=${join(docs, 'new.txt')},${join(results, 'out.txt')}`,
      ],
    );
    assert.equal(out.reads[join(docs, 'notes.txt')], 'ok:granted notes');
    assert.equal(out.reads[join(sb.home, 'private.txt')], 'error:ENOENT');
    assert.equal(out.writes[join(docs, 'new.txt')], 'error:EROFS');
    assert.equal(existsSync(join(docs, 'new.txt')), false);
    assert.equal(readFileSync(join(results, 'out.txt'), 'utf8'), 'written');
  });

  it('passes only the granted env keys (KEY and PREFIX_*)', () => {
    const out = probe('envs', ['--allow-env=PROBE_*,EXACT_KEY'], [], {
      PROBE_ONE: '1',
      EXACT_KEY: '2',
      EXACT_KEY_NOT: '3',
      OTHER_SECRET: '4',
    });
    assert.ok(out.env.includes('PROBE_ONE'));
    assert.ok(out.env.includes('EXACT_KEY'));
    assert.ok(!out.env.includes('EXACT_KEY_NOT'));
    assert.ok(!out.env.includes('OTHER_SECRET'));
  });

  it('gives only the batteries the button declares, and refuses to run when one is unset', () => {
    assert.equal(cli(sb, ['batteries', 'set', 'NEEDED', 'needed-value']).code, 0);
    assert.equal(cli(sb, ['batteries', 'set', 'UNRELATED', 'unrelated-value']).code, 0);
    const out = probe('bats', ['--battery', 'NEEDED'], []);
    assert.ok(out.env.includes('BUTTONS_BAT_NEEDED'));
    assert.ok(!out.env.includes('BUTTONS_BAT_UNRELATED'));
    const made = cli(sb, [
      'create',
      'needs-missing',
      '--code',
      'echo ran',
      '--sandbox',
      '--battery',
      'ABSENT',
    ]);
    assert.equal(made.code, 0);
    const r = cli(sb, ['press', 'needs-missing']);
    assert.equal(r.json.error.code, 'NOT_FOUND');
    assert.match(r.json.error.message, /battery ABSENT is required by button "needs-missing" but is not set/);
    assert.equal(r.json.error.hint, 'Set it with: buttons batteries set ABSENT');
  });

  it('exposes a granted program from the hidden home, and only that program', () => {
    const bin = join(sb.home, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'greet-tool'), '#!/bin/sh\necho tool ran\n', { mode: 0o755 });
    const env = { PATH: `${bin}:${process.env.PATH}` };
    for (const [name, grant] of [
      ['with-tool', ['--allow-run=greet-tool']],
      ['without-tool', []],
    ] as const) {
      assert.equal(cli(sb, ['create', name, '--code', 'greet-tool', '--sandbox', ...grant], { env }).code, 0);
    }
    const granted = cli(sb, ['press', 'with-tool'], { env });
    assert.equal(granted.json.data.stdout, 'tool ran\n');
    const refused = cli(sb, ['press', 'without-tool'], { env });
    assert.equal(refused.json.error.code, 'SCRIPT_ERROR');
    assert.match(refused.json.data.stderr, /greet-tool: not found/);
  });

  it("runs in the press's working directory when the script can see it, else in its private home", () => {
    const visible = mkdtempSync('/var/tmp/buttons-isolation-cwd-');
    try {
      assert.equal(cli(sb, ['create', 'where', '--code', 'pwd', '--sandbox']).code, 0);
      assert.equal(cli(sb, ['press', 'where'], { cwd: visible }).json.data.stdout, `${visible}\n`);
      assert.equal(cli(sb, ['press', 'where'], { cwd: sb.home }).json.data.stdout, '/tmp/home\n');
    } finally {
      rmSync(visible, { recursive: true, force: true });
    }
  });

  it('shares the network with --allow-net=*', async () => {
    const server = await loopbackServer();
    try {
      assert.equal(
        cli(sb, ['create', 'netted', '--file', PROBE, ...ARGS, '--sandbox', '--allow-net=*']).code,
        0,
      );
      const { done } = cliAsync(sb, ['press', 'netted', '--arg', `port=${server.port}`]);
      const r = await done;
      assert.equal(r.json.data.output.connect, 'connected');
      assert.deepEqual(server.seen, ['netted']);
    } finally {
      await server.close();
    }
  });
});

describe('grants an OS sandbox cannot honour are refused at create', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
  });
  after(() => sb.cleanup());

  const refused: [string, RegExp][] = [
    ['--allow-net=api.example.com', /--allow-net=api\.example\.com: host lists are a JS-sandbox feature/],
    ['--allow-press=deploy', /--allow-press=deploy: a sandboxed script cannot press other buttons/],
    ['--allow-all', /--allow-all cannot be combined with --sandbox on a script button/],
    ['--allow-fs=/proc/1:r', /--allow-fs=\/proc\/1: \/proc inside the sandbox is its own/],
  ];
  for (const [flag, message] of refused) {
    it(`refuses ${flag}`, () => {
      const r = cli(sb, ['create', 'refused', '--code', 'true', '--sandbox', flag]);
      assert.equal(r.code, 3, r.stdout + r.stderr);
      assert.equal(r.json.error.code, 'VALIDATION_ERROR');
      assert.match(r.json.error.message, message);
      assert.ok(r.json.error.hint.length > 0);
    });
  }

  it('accepts --allow-net=*, :rwcd (the same as :rw here) and --allow-run', () => {
    const r = cli(sb, [
      'create',
      'accepted',
      '--code',
      'true',
      '--sandbox',
      '--allow-net=*',
      `--allow-fs=${sb.dir}:rwcd`,
      '--allow-run=sh',
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
});
