import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { badInput } from '../../core/src/http/errors.js';
import { isPeriod } from '../../core/src/period/period.js';
import { JOBS, jobId, type IntegritySignalsPayload } from '../../core/src/queue/registry.js';
import { EarningsParametersService } from '../../payouts/src/index.js';
import { IntegrityParametersService } from './integrity-parameters.service.js';
import { SignalsRepository, type DetectionCounts } from './signals.repository.js';

export interface DetectionResult extends DetectionCounts {
  period: string;
  paramsVersion: number;
  /** After intake: the reading version it detected. */
  readingVersion?: number;
}

/** A detection after intake that a newer reading version made unnecessary. */
export interface SupersededDetection {
  period: string;
  readingVersion: number;
  /** The period's reading version now (its detection is queued). */
  superseded: number;
}

/** The job id of a period's detection: asking twice while one is queued queues one job. */
export const signalsJobId = (period: string) => jobId(JOBS.integritySignals.name, period);

/** Computes a period's signals and stores them as cases (idempotent: a rerun gives the same cases). */
@Injectable()
export class SignalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: SignalsRepository,
    private readonly parameters: IntegrityParametersService,
    private readonly earnings: EarningsParametersService,
  ) {}

  /**
   * The detection a reading version queued (after intake): skipped when the period's reading
   * has moved on since, as the newer version queued its own detection (a burst of intake
   * batches costs one detection, not one each).
   */
  async detectAfterIntake(period: string, readingVersion: number): Promise<DetectionResult | SupersededDetection> {
    const current = await this.repo.readingVersion(this.dataSource, period);
    if (current > readingVersion) return { period, readingVersion, superseded: current };
    return { ...(await this.detect(period)), readingVersion };
  }

  detect(period: string): Promise<DetectionResult> {
    if (!isPeriod(period))
      throw badInput(`period must be YYYY-MM (got ${JSON.stringify(period)})`, [{ field: 'period', message: 'must be YYYY-MM' }]);
    return this.dataSource.transaction(async (m) => {
      await this.repo.lockPeriod(m, period);
      const [{ version, params }, payout] = await Promise.all([this.parameters.current(m), this.earnings.section('payout', m)]);
      await this.repo.computeFlags(m, {
        period,
        params,
        qualifiedReadSeconds: payout.qualifiedReadSeconds,
        sessionCapSeconds: payout.sessionCapSeconds,
      });
      return { period, paramsVersion: version, ...(await this.repo.storeCases(m, period, version)) };
    });
  }
}

/** Queues a period's detection (the console's "detect now", and after intake). */
@Injectable()
export class SignalsQueue {
  constructor(@InjectQueue('integrity') private readonly queue: Queue) {}

  async enqueue(period: string): Promise<{ period: string; jobId: string; queued: boolean }> {
    if (!isPeriod(period))
      throw badInput(`period must be YYYY-MM (got ${JSON.stringify(period)})`, [{ field: 'period', message: 'must be YYYY-MM' }]);
    const id = signalsJobId(period);
    const existing = await this.queue.getJob(id);
    const state = existing ? await existing.getState() : undefined;
    if (state === 'waiting' || state === 'active' || state === 'delayed') return { period, jobId: id, queued: false };
    if (existing) await existing.remove();
    const payload: IntegritySignalsPayload = { period };
    await this.queue.add(JOBS.integritySignals.name, payload, { ...JOBS.integritySignals.options, jobId: id });
    return { period, jobId: id, queued: true };
  }
}
