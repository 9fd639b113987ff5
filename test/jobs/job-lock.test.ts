import { expect } from 'chai';
import { JobLock } from '../../src/jobs/job-lock.js';

describe('JobLock', () => {
  it('gives the lock to one holder at a time', () => {
    const lock = new JobLock();
    const first = lock.tryAcquire('upgrade', 'job-1');
    expect(first?.holder).to.equal('job-1');
    expect(lock.tryAcquire('backup', 'backup-1')).to.equal(undefined);
    first?.release();
    expect(lock.tryAcquire('restore', 'restore-1')?.kind).to.equal('restore');
  });

  it('ignores a second release of an old lease', () => {
    const lock = new JobLock();
    const first = lock.tryAcquire('upgrade', 'job-1');
    first?.release();
    const second = lock.tryAcquire('upgrade', 'job-2');
    first?.release();
    expect(lock.current).to.deep.include({ holder: 'job-2' });
    second?.release();
    expect(lock.current).to.equal(undefined);
  });
});
