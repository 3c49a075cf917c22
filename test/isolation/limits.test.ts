// Pins the per-process limits inside the sandbox: CPU time ends a busy loop with LIMIT_EXCEEDED, and the
// memory limit stops an allocation the same script makes without it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('limits of a sandboxed script', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
  });
  after(() => sb.cleanup());

  it('stops a busy loop at its CPU time limit with LIMIT_EXCEEDED', () => {
    assert.equal(
      cli(sb, ['create', 'spin', '--code', 'while :; do :; done', '--sandbox', '--timeout', '60']).code,
      0,
    );
    const r = cli(sb, ['press', 'spin'], { env: { BUTTONS_SANDBOX_CPU_SECONDS: '1' } });
    assert.equal(r.code, 17, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'LIMIT_EXCEEDED');
    assert.equal(r.json.error.message, 'the script used its 1 s of CPU time and was stopped (SIGXCPU)');
    assert.equal(r.json.data.status, 'error');
  });

  it('stops an allocation over the memory limit, which succeeds without it', () => {
    const code = 'block = bytearray(300 * 1024 * 1024)\nprint("allocated", len(block) // (1024 * 1024))';
    assert.equal(cli(sb, ['create', 'hungry', '--runtime', 'python', '--code', code, '--sandbox']).code, 0);
    const limited = cli(sb, ['press', 'hungry'], { env: { BUTTONS_SANDBOX_MEMORY_MB: '100' } });
    assert.equal(limited.json.error.code, 'SCRIPT_ERROR');
    assert.match(limited.json.data.stderr, /MemoryError/);
    const unlimited = cli(sb, ['press', 'hungry'], { env: { BUTTONS_SANDBOX_MEMORY_MB: '0' } });
    assert.equal(unlimited.code, 0, unlimited.stdout + unlimited.stderr);
    assert.equal(unlimited.json.data.stdout, 'allocated 300\n');
  });

  it('runs Node and WebAssembly under the default memory limit', () => {
    const code =
      'const m = new WebAssembly.Memory({ initial: 1, maximum: 65536 }); m.grow(1024); console.log(m.buffer.byteLength)';
    assert.equal(cli(sb, ['create', 'wasm', '--runtime', 'node', '--code', code, '--sandbox']).code, 0);
    const r = cli(sb, ['press', 'wasm']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.data.stdout, `${1025 * 65536}\n`);
  });

  it('refuses a limit setting that is not a whole number', () => {
    assert.equal(cli(sb, ['create', 'plain', '--code', 'true', '--sandbox']).code, 0);
    const r = cli(sb, ['press', 'plain'], { env: { BUTTONS_SANDBOX_MEMORY_MB: 'lots' } });
    assert.equal(r.json.error.code, 'VALIDATION_ERROR');
    assert.match(
      r.json.error.message,
      /BUTTONS_SANDBOX_MEMORY_MB must be a whole number of at least 0, got "lots"/,
    );
  });
});
