// Pins compatibility with programs written for the alpha runtime: bua:* modules, the Bua global, its built-in tools, typed catch.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, ROOT, type Sandbox } from '../helpers/cli.ts';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'sandbox', 'alpha');

describe('an alpha-runtime TypeScript agent', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
  });
  after(() => sb.cleanup());

  it('reads under --allow-fs=./examples, is refused the network and /etc/passwd — by import and by the global', () => {
    const r = cli(sb, ['run', 'agent.ts', '--allow-fs=./examples'], { cwd: FIXTURE });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.json.data.stdout);
    assert.equal(out.direct, 'ok: "Hello from the examples folder.\\n"');
    for (const [i, via] of ['import', 'global'].entries()) {
      const report = out.reports[i];
      assert.equal(report.via, via);
      assert.equal(report.readFile, 'ok: {"content":"Hello from the examples folder.\\n","bytes":32}');
      assert.equal(
        report.httpGet,
        'PermissionError: network access to "example.com:443" denied; allow it with --allow-net=example.com',
      );
      assert.equal(
        report.passwd,
        'PermissionError: read access to "/etc/passwd" denied; allow it with --allow-fs=/etc/passwd:r',
      );
    }
  });
});
