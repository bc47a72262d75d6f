// The service's clock and its queue of running jobs, alone: jobs fall due in start order after the
// same duration, on the manual clock only when it is moved, on the real clock by one timer.
import { describe, expect, it } from 'vitest';
import { JobSchedule, type ScheduledJob } from '../src/service/JobSchedule.js';

type TestJob = ScheduledJob & { JobStatus: 'IN_PROGRESS' | 'SUCCEEDED' };

function schedule(clock: 'real' | 'manual', options: { neverFinish?: boolean; durationMs?: number } = {}) {
  const finished: string[] = [];
  const current = new Set<TestJob>();
  const jobs = new JobSchedule<TestJob>({
    clock,
    durationMs: options.durationMs ?? 100,
    isCurrent: (job) => current.has(job),
    finish: (job) => {
      job.JobStatus = 'SUCCEEDED';
      finished.push(job.JobId);
      jobs.ended();
    },
    neverFinish: options.neverFinish ?? false,
  });
  const start = (id: string) => {
    const job: TestJob = { JobId: id, JobStatus: 'IN_PROGRESS', startedAt: jobs.now() };
    current.add(job);
    jobs.started(job);
    return job;
  };
  return { jobs, start, finished, current };
}

describe('JobSchedule', () => {
  it('on the manual clock, finishes jobs in start order as the clock passes their due time, never before', () => {
    const { jobs, start, finished } = schedule('manual');
    start('a');
    jobs.advance(50);
    start('b');
    expect(jobs.running).toBe(2);
    jobs.advance(49);
    expect(finished).toEqual([]);
    jobs.advance(1);
    expect(finished).toEqual(['a']);
    jobs.advance(50);
    expect(finished).toEqual(['a', 'b']);
    expect(jobs.running).toBe(0);
  });

  it('skips jobs a control has ended, and jobs the service no longer holds', () => {
    const { jobs, start, finished, current } = schedule('manual');
    const a = start('a');
    const b = start('b');
    a.JobStatus = 'SUCCEEDED';
    jobs.ended();
    current.delete(b);
    jobs.advance(100);
    expect(finished).toEqual([]);
  });

  it('never finishes a job in the never-finish fault mode', () => {
    const { jobs, start, finished } = schedule('manual', { neverFinish: true });
    start('a');
    jobs.advance(10_000);
    expect(finished).toEqual([]);
    expect(jobs.running).toBe(1);
  });

  it('on the real clock, finishes jobs by itself', async () => {
    const { start, finished } = schedule('real', { durationMs: 5 });
    start('a');
    start('b');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (finished.length < 2) return;
        clearInterval(poll);
        resolve();
      }, 1);
    });
    expect(finished).toEqual(['a', 'b']);
  });

  it('advance() needs the manual clock; reset() forgets the running jobs', () => {
    const real = schedule('real');
    expect(() => real.jobs.advance(1)).toThrow('advance() needs a service made with clock: "manual"');
    real.start('a');
    real.jobs.reset();
    expect(real.jobs.running).toBe(0);
  });
});
