import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { IntakeHooks, type ReadingChange } from '../../core/src/intake-hooks.js';
import { JOBS, jobId, type IntegritySignalsPayload } from '../../core/src/queue/registry.js';

/** The job id of the detection a reading version queues: the same change queues it once. */
export const signalsAfterIntakeJobId = (period: string, readingVersion: number) =>
  jobId(JOBS.integritySignals.name, period, `r${readingVersion}`);

/**
 * Queues the detection of each period whose reading changed ("computed per period by a BullMQ
 * job after intake", issue 18). BullMQ keeps one job per id, so queuing the same version
 * again (a retried notice) adds nothing. Used by the api (intake batches, below) and the
 * cli (a bundle import, with a queue of its own).
 */
export async function queueDetections(queue: Queue, changes: readonly ReadingChange[]): Promise<string[]> {
  const ids: string[] = [];
  for (const { period, version } of changes) {
    const id = signalsAfterIntakeJobId(period, version);
    const payload: IntegritySignalsPayload = { period, readingVersion: version };
    await queue.add(JOBS.integritySignals.name, payload, { ...JOBS.integritySignals.options, jobId: id });
    ids.push(id);
  }
  return ids;
}

/** An intake batch that changed a period's reading queues its detection, once committed. */
@Injectable()
export class DetectionAfterIntake implements OnModuleInit {
  constructor(
    private readonly hooks: IntakeHooks,
    @InjectQueue(JOBS.integritySignals.queue) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.hooks.onReadingChanged(async (changes) => {
      await queueDetections(this.queue, changes);
    });
  }
}
