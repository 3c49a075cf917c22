// Pins secret redaction: battery values and secret args never reach a file or any command's output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type CliResult, cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { walk } from '../helpers/files.ts';

const BATTERY = 'bat-9f8e7d6c5b4a';
const SECRET_ARG = 'arg-1a2b3c4d5e6f';

describe('secrets stay secret', () => {
  let sb: Sandbox;
  const outputs: CliResult[] = [];
  before(() => {
    sb = makeSandbox();
    assert.equal(cli(sb, ['batteries', 'set', 'API_TOKEN'], { input: `${BATTERY}\n` }).code, 0);
    const code = [
      'echo "out: $BUTTONS_BAT_API_TOKEN $BUTTONS_ARG_PASSWORD"',
      'echo "err: $BUTTONS_BAT_API_TOKEN $BUTTONS_ARG_PASSWORD" >&2',
      'printf "%s" "$BUTTONS_ARG_PASSWORD" | tr a-z A-Z',
    ].join('\n');
    assert.equal(
      cli(sb, [
        'create',
        'leaky',
        '--code',
        code,
        '--arg',
        'password:secret:required',
        '--arg',
        'user:string:optional',
      ]).code,
      0,
    );
    const pressed = cli(sb, ['press', 'leaky', '--arg', `password=${SECRET_ARG}`, '--arg', 'user=ann']);
    outputs.push(pressed);
    const failing = cli(sb, [
      'press',
      'leaky',
      '--arg',
      `password=${SECRET_ARG}`,
      '--arg',
      'user=ann',
      '--timeout',
      '0',
    ]);
    outputs.push(failing);
    for (const args of [
      ['press', 'leaky', '--arg', `password=${SECRET_ARG}`, '--dry-run'],
      ['press', 'leaky', '--arg', `password=${SECRET_ARG}`, '--arg', `user=${BATTERY}`],
      ['history', 'leaky'],
      ['logs', 'leaky'],
      ['list'],
      ['inspect', 'leaky'],
      ['summary'],
      ['batteries', 'list'],
      ['batteries', 'get', 'API_TOKEN'],
    ]) {
      outputs.push(cli(sb, args));
    }
  });
  after(() => sb.cleanup());

  it('the script really saw the secrets (so the test proves redaction, not absence)', () => {
    const r = outputs[0]!;
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.data.stdout, `out: [REDACTED] [REDACTED]\n${SECRET_ARG.toUpperCase()}`);
    assert.equal(r.json.data.stderr, 'err: [REDACTED] [REDACTED]\n');
    assert.equal(r.json.data.args.password, '[REDACTED]');
  });

  it('appears in no command output', () => {
    for (const r of outputs) {
      assert.ok(!r.stdout.includes(BATTERY) && !r.stderr.includes(BATTERY), r.stdout);
      assert.ok(!r.stdout.includes(SECRET_ARG) && !r.stderr.includes(SECRET_ARG), r.stdout);
    }
  });

  it('appears in no file under the data dir except batteries.json itself', () => {
    for (const entry of walk(sb.data)) {
      if (entry.isDir || entry.path.endsWith('/batteries.json')) continue;
      const bytes = readFileSync(entry.path);
      assert.equal(bytes.includes(BATTERY), false, entry.path);
      assert.equal(bytes.includes(SECRET_ARG), false, entry.path);
    }
  });

  it('is masked in its encoded spellings too (percent, form, JSON) when a script echoes it encoded', () => {
    const secret = 'p@ss w/rd"x&y=1';
    const code =
      'const v = process.env.BUTTONS_ARG_TOKEN; console.log(encodeURIComponent(v)); console.log(new URLSearchParams({ v }).toString()); console.log(JSON.stringify({ v }));';
    assert.equal(
      cli(sb, ['create', 'encoder', '--runtime', 'node', '--code', code, '--arg', 'token:secret:required'])
        .code,
      0,
    );
    const r = cli(sb, ['press', 'encoder', '--arg', `token=${secret}`]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.data.stdout, '[REDACTED]\nv=[REDACTED]\n{"v":"[REDACTED]"}\n');
    const spellings = [
      encodeURIComponent(secret),
      new URLSearchParams({ v: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ];
    for (const entry of walk(sb.data)) {
      if (entry.isDir) continue;
      const bytes = readFileSync(entry.path);
      for (const spelling of spellings)
        assert.equal(bytes.includes(spelling), false, `${spelling} in ${entry.path}`);
    }
  });

  it('is shown only when asked for with --reveal', () => {
    assert.equal(cli(sb, ['batteries', 'get', 'API_TOKEN', '--reveal']).json.data.value, BATTERY);
  });
});
