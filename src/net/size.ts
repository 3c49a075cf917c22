/** Byte sizes as people write them: 1048576, 512KB, 10MiB, 1.5GB (KB = 1000, KiB = 1024). */
import { ButtonsError, ErrorCode } from '../core/errors.ts';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

export const MAX_RESPONSE_LIMIT = 1024 ** 3;

export function parseSize(flag: string, raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw);
  const unit = UNITS[(match?.[2] || 'b').toLowerCase()];
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > MAX_RESPONSE_LIMIT) {
    throw new ButtonsError(
      ErrorCode.VALIDATION_ERROR,
      `${flag} ${JSON.stringify(raw)}: expected a size from 1 byte to 1GiB, like 1048576, 512KB or 10MiB`,
    );
  }
  return bytes;
}
