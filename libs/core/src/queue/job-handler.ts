import { SetMetadata } from '@nestjs/common';
import type { JobKey } from './registry.js';

export const JOB_HANDLER_KEY = 'ppc:job-handler';

/** Marks the method that processes one job of the registry. */
export const JobHandler = (job: JobKey) => SetMetadata(JOB_HANDLER_KEY, job);
