/** Replaces secret values (batteries, secret args) with a marker in everything persisted or shown. */

export const REDACTED = '[REDACTED]';

export interface Redactor {
  text(value: string): string;
  /** Redacts every string inside plain data (objects, arrays); keys are left as they are. */
  deep<T>(value: T): T;
  /** A stateful redactor for a stream: holds back just enough to catch a secret split across chunks. */
  stream(): StreamRedactor;
  readonly active: boolean;
}

export interface StreamRedactor {
  push(chunk: string): string;
  flush(): string;
}

/**
 * The spellings a secret takes once encoded (percent, form, JSON string): a script or a server that
 * echoes it encoded must not carry it past the redactor.
 */
export function secretSpellings(secret: string): string[] {
  if (!secret.isWellFormed()) return [secret];
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams([['', secret]]).toString().slice(1),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(forms)];
}

export function makeRedactor(secrets: Iterable<string>): Redactor {
  // Longest first, so a secret that contains another is masked whole.
  const list = [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const longest = list[0]?.length ?? 0;

  const text = (value: string): string => {
    if (list.length === 0) return value;
    let out = value;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };

  const deep = <T>(value: T): T => {
    if (list.length === 0) return value;
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map((v) => deep(v)) as T;
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = deep(v);
      return out as T;
    }
    return value;
  };

  const stream = (): StreamRedactor => {
    let pending = '';
    return {
      push(chunk) {
        if (list.length === 0) return chunk;
        const combined = text(pending + chunk);
        // Keep a tail that could be the start of a secret; everything before it is final.
        const keep = Math.min(combined.length, longest - 1);
        pending = combined.slice(combined.length - keep);
        return combined.slice(0, combined.length - keep);
      },
      flush() {
        const out = text(pending);
        pending = '';
        return out;
      },
    };
  };

  return { text, deep, stream, active: list.length > 0 };
}
