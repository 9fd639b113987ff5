import { randomBytes } from 'node:crypto';

export type IdGenerator = () => string;

/** Job ids sort by creation time and stay unique within one millisecond. */
export function createJobIdGenerator(now: () => Date): IdGenerator {
  return () => `job-${now().getTime()}-${randomBytes(3).toString('hex')}`;
}
