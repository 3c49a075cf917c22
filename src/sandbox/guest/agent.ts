/** Guest `buttons:agent`: children run in their own isolates; only results and messages come back. */
import type { GuestRuntime } from './core.ts';

export function installAgent(rt: GuestRuntime): void {
  const list = (value: unknown): string[] | null =>
    value === undefined || value === null ? null : Array.isArray(value) ? value.map(String) : [String(value)];

  function options(opts: Record<string, unknown>) {
    if (opts === null || typeof opts !== 'object') throw new TypeError('spawn needs an options object');
    return {
      entrypoint: String(opts.entrypoint ?? ''),
      allowFs: list(opts.allowFs),
      allowNet: list(opts.allowNet),
      allowRun: list(opts.allowRun),
      allowEnv: opts.allowEnv === true ? ['*'] : list(opts.allowEnv),
      allowPress: list(opts.allowPress),
      timeout: opts.timeout === undefined ? null : Number(opts.timeout),
      memory: opts.memory === undefined ? null : Number(opts.memory),
      input: opts.input ?? null,
      args: list(opts.args) ?? [],
    };
  }

  function start(opts: Record<string, unknown>) {
    const { id } = rt.call('agent.start', options(opts)) as { id: string };
    return {
      id,
      result: rt.call('agent.result', { id }),
      send: (message: unknown) => void rt.call('agent.send', { to: id, message }),
      receive: () => rt.call('agent.receive', { from: id }),
    };
  }

  const agent = {
    get id() {
      return rt.config.agentId;
    },
    get parentId() {
      return rt.config.parentId;
    },
    start,
    spawn: async (opts: Record<string, unknown>) => start(opts).result,
    async spawnAll(all: Record<string, unknown>[], opts: { concurrency?: number } = {}) {
      const limit = Math.max(1, Math.floor(Number(opts.concurrency ?? all.length) || 1));
      const results: unknown[] = new Array(all.length);
      let next = 0;
      const worker = async () => {
        while (next < all.length) {
          const i = next++;
          results[i] = await start(all[i]!).result;
        }
      };
      await Promise.all(Array.from({ length: Math.min(limit, all.length) }, worker));
      return results;
    },
    send: (message: unknown) => void rt.call('agent.send', { to: 'parent', message }),
    receive: () => rt.call('agent.receive', { from: 'parent' }),
    output: (value: unknown) => void rt.call('agent.output', { value }),
    input: () => rt.call('agent.input'),
  };
  rt.modules.agent = agent;
}
