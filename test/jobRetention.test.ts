// Which finished jobs the service still holds, alone: forgotten oldest-finished first, past the
// retention period or past the count, each exactly once.
import { describe, expect, it } from 'vitest';
import { JobRetention, type RetainedJob } from '../src/service/JobRetention.js';

function retention(retentionMs: number, maxJobs: number) {
  const forgotten: string[] = [];
  const jobs = new JobRetention<RetainedJob>({ retentionMs, maxJobs, forget: (job) => forgotten.push(job.JobId) });
  const finish = (JobId: string, finishedAt: number) => jobs.finished({ JobId, finishedAt });
  return { jobs, finish, forgotten };
}

describe('JobRetention', () => {
  it('past the count, forgets the oldest-finished job at once', () => {
    const { jobs, finish, forgotten } = retention(Number.POSITIVE_INFINITY, 2);
    finish('a', 0);
    finish('b', 0);
    expect(forgotten).toEqual([]);
    finish('c', 0);
    expect(forgotten).toEqual(['a']);
    expect(jobs.size).toBe(2);
  });

  it('forgets a job once it has been kept for the retention period, not a millisecond before', () => {
    const { jobs, finish, forgotten } = retention(100, Number.POSITIVE_INFINITY);
    finish('a', 0);
    finish('b', 50);
    jobs.expire(99);
    expect(forgotten).toEqual([]);
    jobs.expire(100);
    expect(forgotten).toEqual(['a']);
    jobs.expire(1000);
    expect(forgotten).toEqual(['a', 'b']);
    expect(jobs.size).toBe(0);
  });

  it.each([
    ['0 and 0 forget a job the moment it finishes', 0, 0, ['a']],
    ['Infinity and Infinity keep it for good', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, []],
  ])('%s', (_, retentionMs, maxJobs, expected) => {
    const { jobs, finish, forgotten } = retention(retentionMs, maxJobs);
    finish('a', 0);
    jobs.expire(Number.MAX_SAFE_INTEGER);
    expect(forgotten).toEqual(expected);
  });

  it('over many jobs, forgets each exactly once, in the order they finished', () => {
    const { jobs, finish, forgotten } = retention(1000, 10);
    for (let i = 0; i < 5000; i++) {
      finish(`j${i}`, i);
      jobs.expire(i);
    }
    expect(forgotten).toEqual(Array.from({ length: 4990 }, (_, i) => `j${i}`));
    jobs.expire(5000 + 1000);
    expect(forgotten).toHaveLength(5000);
  });

  it('clear() forgets without telling; a negative or NaN bound is a RangeError', () => {
    const { jobs, finish, forgotten } = retention(0, 10);
    finish('a', 0);
    jobs.clear();
    jobs.expire(10);
    expect({ forgotten, size: jobs.size }).toEqual({ forgotten: [], size: 0 });
    expect(() => retention(-1, 1)).toThrow(/jobRetentionMs must be 0 or more/);
    expect(() => retention(1, Number.NaN)).toThrow(/maxRetainedJobs must be 0 or more/);
  });
});
