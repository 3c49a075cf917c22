/**
 * Messages between agents: one queue per direction (sender → receiver). Agents share no memory; a
 * message is JSON text, copied, bounded in size and count. A receive on a queue whose sender has ended
 * (and is empty) answers `null`.
 */
import { guestError } from '../engine/replies.ts';

export const MAILBOX_LIMITS = { messageBytes: 1024 * 1024, queued: 1000 } as const;

interface Queue {
  messages: string[];
  waiters: ((json: string | null) => void)[];
}

export class Mailbox {
  private readonly queues = new Map<string, Queue>();
  private readonly ended = new Set<string>();

  private queue(from: string, to: string): Queue {
    const key = `${from}\u0000${to}`;
    let q = this.queues.get(key);
    if (!q) {
      q = { messages: [], waiters: [] };
      this.queues.set(key, q);
    }
    return q;
  }

  send(from: string, to: string, message: unknown): void {
    if (this.ended.has(to))
      throw guestError('Error', `agent ${to} has ended; the message was not delivered`, 'AGENT_ENDED');
    const json = JSON.stringify(message ?? null);
    if (Buffer.byteLength(json) > MAILBOX_LIMITS.messageBytes) {
      throw guestError('RangeError', `messages are at most ${MAILBOX_LIMITS.messageBytes} bytes as JSON`);
    }
    const q = this.queue(from, to);
    const waiter = q.waiters.shift();
    if (waiter) {
      waiter(json);
      return;
    }
    if (q.messages.length >= MAILBOX_LIMITS.queued)
      throw guestError('RangeError', `more than ${MAILBOX_LIMITS.queued} messages queued for ${to}`);
    q.messages.push(json);
  }

  receive(from: string, to: string): Promise<unknown> {
    const q = this.queue(from, to);
    const next = q.messages.shift();
    if (next !== undefined) return Promise.resolve(JSON.parse(next));
    if (this.ended.has(from)) return Promise.resolve(null);
    return new Promise((resolve) =>
      q.waiters.push((json) => resolve(json === null ? null : JSON.parse(json))),
    );
  }

  /** The agent is gone: nobody waits for it any more. */
  end(agent: string): void {
    this.ended.add(agent);
    for (const [key, q] of this.queues) {
      if (!key.startsWith(`${agent}\u0000`)) continue;
      for (const waiter of q.waiters.splice(0)) waiter(null);
    }
  }
}
