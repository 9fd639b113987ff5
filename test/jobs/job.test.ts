import { expect } from 'chai';
import {
  advanceJob,
  canTransition,
  createJob,
  failJob,
  jobStates,
  type JobState,
} from '../../src/jobs/job.js';

const at = new Date('2026-01-27T14:30:52.000Z');
const later = new Date('2026-01-27T14:31:00.000Z');
const fresh = () =>
  createJob({
    id: 'job-1',
    mode: 'MANUAL',
    executionMode: 'dry-run',
    requestedTarget: '1.9.0',
    now: at,
  });

describe('job state machine', () => {
  const legal: [JobState, JobState][] = [
    ['POLICY_FETCHING', 'MANIFEST_FETCHING'],
    ['MANIFEST_FETCHING', 'READY'],
    ['MANIFEST_FETCHING', 'BACKING_UP'],
    ['BACKING_UP', 'EXECUTING'],
    ['EXECUTING', 'VERIFYING'],
    ['VERIFYING', 'READY'],
  ];
  it('allows exactly the documented transitions', () => {
    const all = jobStates.flatMap((from) =>
      jobStates.map((to) => [from, to] as [JobState, JobState]),
    );
    const allowed = all.filter(([from, to]) => canTransition(from, to) && to !== 'FAILED');
    expect(allowed).to.deep.equal(legal);
  });

  it('lets every non-terminal state fail and no terminal state move', () => {
    for (const state of jobStates) {
      const terminal = state === 'READY' || state === 'FAILED';
      expect(canTransition(state, 'FAILED'), state).to.equal(!terminal);
    }
  });

  it('stamps transitions and marks terminal ones finished', () => {
    const ready = advanceJob(
      advanceJob(fresh(), 'MANIFEST_FETCHING', {}, later),
      'READY',
      { message: 'done' },
      later,
    );
    expect(ready).to.include({
      state: 'READY',
      message: 'done',
      updatedAt: later.toISOString(),
      finishedAt: later.toISOString(),
    });
    expect(ready.createdAt).to.equal(at.toISOString());
  });

  it('records the failure code and message', () => {
    const failed = failJob(fresh(), 'POLICY_FETCH_FAILED', 'HTTP 503', later);
    expect(failed).to.include({
      state: 'FAILED',
      errorCode: 'POLICY_FETCH_FAILED',
      errorMessage: 'HTTP 503',
    });
  });

  it('refuses an illegal transition', () => {
    expect(() => advanceJob(fresh(), 'EXECUTING', {}, later)).to.throw(
      /cannot go from POLICY_FETCHING to EXECUTING/,
    );
  });
});
