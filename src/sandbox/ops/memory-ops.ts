/** `buttons:memory` on the host: JSON values, bounded keys and sizes, one namespace per program or button. */
import { guestError } from '../engine/replies.ts';
import type { OpTable } from '../engine/session.ts';
import { MEMORY_LIMITS, type MemoryStore } from '../state/memory-store.ts';
import { record, stringArg } from './op-args.ts';

function keyArg(payload: unknown): string {
  const key = stringArg(payload, 'key');
  if (key === '' || key.length > MEMORY_LIMITS.keyChars) {
    throw guestError('RangeError', `memory keys are 1-${MEMORY_LIMITS.keyChars} characters`);
  }
  return key;
}

export function memoryOps(store: () => MemoryStore): OpTable {
  return {
    'memory.get'(payload) {
      const json = store().get(keyArg(payload));
      return json === undefined ? null : JSON.parse(json);
    },
    'memory.set'(payload) {
      const key = keyArg(payload);
      const json = JSON.stringify(record(payload).value ?? null);
      if (Buffer.byteLength(json) > MEMORY_LIMITS.valueBytes) {
        throw guestError('RangeError', `memory values are at most ${MEMORY_LIMITS.valueBytes} bytes as JSON`);
      }
      const s = store();
      if (s.get(key) === undefined && s.keys('').length >= MEMORY_LIMITS.keys) {
        throw guestError('RangeError', `memory holds at most ${MEMORY_LIMITS.keys} keys per program`);
      }
      s.set(key, json);
      return null;
    },
    'memory.delete'(payload) {
      return store().delete(keyArg(payload));
    },
    'memory.keys'(payload) {
      const prefix = record(payload).prefix;
      return store().keys(typeof prefix === 'string' ? prefix : '');
    },
    'memory.clear'() {
      store().clear();
      return null;
    },
  };
}
