// Pins where data lives and how batteries layer: BUTTONS_HOME, project .buttons/, ~/.buttons; local wins.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('data directory and batteries scopes', () => {
  let sb: Sandbox;
  let project: string;
  let noHomeEnv: Record<string, string>;
  before(() => {
    sb = makeSandbox();
    project = join(sb.dir, 'project');
    mkdirSync(join(project, '.buttons'), { recursive: true });
    mkdirSync(join(project, 'src', 'deep'), { recursive: true });
    const { BUTTONS_HOME: _, ...rest } = sb.env;
    noHomeEnv = rest;
  });
  after(() => sb.cleanup());

  const run = (args: string[], cwd: string, input?: string) => {
    const r = cli({ ...sb, env: noHomeEnv }, args, { cwd, ...(input === undefined ? {} : { input }) });
    return r;
  };

  it('uses the nearest project .buttons/ walking up from the working directory', () => {
    const r = run(['config'], join(project, 'src', 'deep'));
    assert.equal(r.json.data.data_dir, join(project, '.buttons'));
    assert.equal(r.json.data.data_dir_source, 'project');
  });

  it('falls back to ~/.buttons outside a project, and BUTTONS_HOME wins over both', () => {
    assert.equal(run(['config'], sb.dir).json.data.data_dir, join(sb.home, '.buttons'));
    assert.equal(cli(sb, ['config'], { cwd: project }).json.data.data_dir, sb.data);
  });

  it('injects global batteries, with project-local ones overriding them', () => {
    assert.equal(run(['batteries', 'set', 'REGION', 'eu', '--global'], project).code, 0);
    assert.equal(run(['batteries', 'set', 'ONLY_GLOBAL', 'g', '--global'], project).code, 0);
    assert.equal(run(['batteries', 'set', 'REGION', 'us'], project).code, 0);
    const listed = run(['batteries', 'list'], project).json.data.batteries;
    assert.deepEqual(listed.map((b: { key: string; scope: string }) => `${b.key}:${b.scope}`).sort(), [
      'ONLY_GLOBAL:global',
      'REGION:local',
    ]);
    run(
      ['create', 'where', '--code', 'echo "$BUTTONS_BAT_REGION $BUTTONS_BAT_ONLY_GLOBAL" | tr a-z A-Z'],
      project,
    );
    const pressed = run(['press', 'where'], project);
    assert.equal(pressed.code, 0, pressed.stdout);
    // Battery values are redacted from output; upper-casing shows which values the script received.
    assert.equal(pressed.json.data.stdout, 'US G\n');
    assert.equal(run(['batteries', 'rm', 'REGION'], project).json.data.scope, 'local');
    assert.equal(run(['press', 'where'], project).json.data.stdout, 'EU G\n');
  });

  it('refuses bad battery keys with the rule', () => {
    const r = cli(sb, ['batteries', 'set', 'lower', 'x']);
    assert.equal(r.json.error.code, 'VALIDATION_ERROR');
    assert.match(r.json.error.message, /\[A-Z\]\[A-Z0-9_\]\*/);
  });
});
