import { SetMetadata } from '@nestjs/common';
import type { JobKey } from './registry.js';

export const JOB_HANDLER_KEY = 'ppc:job-handler';

/** Marks the method that processes one job of the registry. */
export const JobHandler = (job: JobKey) => SetMetadata(JOB_HANDLER_KEY, job);

export const JOB_FAILED_KEY = 'ppc:job-failed';

/**
 * Marks the method told when a job of the registry has failed for good (retries used up,
 * or stalled too often: cases in which its handler may never have seen the error).
 */
export const OnJobFailed = (job: JobKey) => SetMetadata(JOB_FAILED_KEY, job);
