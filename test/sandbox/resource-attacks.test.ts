// Pins the limits: each resource attack ends with LIMIT_EXCEEDED naming its limit, and the host runs the next program fine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { summarise } from '../../src/sandbox/runs/outcome-error.ts';
import { runIn, type TempDir, tempDir } from './helpers.ts';

const ATTACKS: readonly { name: string; code: string; limit: string }[] = [
  { name: 'infinite loop', code: 'while (true) {}', limit: 'time' },
  { name: 'infinite loop in a timer callback', code: 'setTimeout(() => { for (;;) {} }, 1);', limit: 'time' },
  {
    name: 'allocation bomb',
    code: "const a = []; for (;;) a.push({ x: 'y'.repeat(64) + Math.random() });",
    limit: 'memory',
  },
  {
    name: 'typed array bomb',
    code: 'const a = []; for (;;) a.push(new Uint8Array(1 << 20));',
    limit: 'memory',
  },
  { name: 'string doubling', code: "let s = 'x'; for (;;) s += s;", limit: 'memory' },
  { name: 'deep recursion', code: 'const f = (n) => f(n + 1) + 1; f(0);', limit: 'stack' },
  { name: 'microtask flood', code: 'const f = () => { Promise.resolve().then(f); }; f();', limit: 'time' },
  {
    name: '10 000 timers',
    code: 'for (let i = 0; i < 10000; i++) setTimeout(() => {}, 60000);',
    limit: 'timers',
  },
  {
    name: 'Atomics.wait forever',
    code: 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);',
    limit: 'time',
  },
  { name: 'one huge buffer', code: 'new ArrayBuffer(2 ** 31);', limit: 'memory' },
  {
    name: 'growable buffer bomb',
    code: 'const a = []; for (;;) { const b = new ArrayBuffer(1, { maxByteLength: 2 ** 30 }); new Uint8Array(b).fill(1); a.push(b, new Uint8Array(1 << 20)); }',
    limit: 'memory',
  },
];

describe('resource attacks end with their limit', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  for (const attack of ATTACKS) {
    it(`${attack.name} → LIMIT_EXCEEDED (${attack.limit}), host still healthy`, async () => {
      // Attacks that must end on another limit get time to spare, so a busy machine cannot turn them into time-outs.
      const timeoutMs = attack.limit === 'time' ? 700 : 15_000;
      const r = await runIn(tmp.dir, attack.code, { limits: { timeoutMs, memoryMib: 16 } });
      const summary = summarise(r.outcome);
      assert.equal(summary.error?.code, 'LIMIT_EXCEEDED', JSON.stringify(r.outcome));
      assert.equal(summary.limit, attack.limit, JSON.stringify(r.outcome));
      assert.ok(
        r.trace.some((rec) => rec.type === 'limit' && rec.limit === attack.limit),
        'the trace records the limit',
      );
      const next = await runIn(tmp.dir, "console.log('still here')");
      assert.equal(next.stdout, 'still here\n');
    });
  }
});
