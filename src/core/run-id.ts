/** Run ids sort by time and carry 48 random bits; publication refuses to overwrite, so they never collide. */
export function makeRunId(now: Date, randomHex: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomHex}`;
}

export const RUN_ID_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{12}$/;

export function isRunId(value: string): boolean {
  return RUN_ID_PATTERN.test(value);
}
