import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, OnJobFailed } from '../../../core/src/queue/job-handler.js';
import { SimulationRepository } from './simulation.repository.js';
import { SimulationRunner } from './simulation-runner.js';
import type { SimulationJobData } from './simulations.service.js';

/** The simulation job: the engine into the simulation's tables; failed for good, the simulation says why. */
@Injectable()
export class SimulationJobs {
  constructor(
    private readonly runner: SimulationRunner,
    private readonly repo: SimulationRepository,
  ) {}

  @JobHandler('simulation')
  async run(job: Job<SimulationJobData>): Promise<string> {
    return this.runner.execute(job.data.simulationId);
  }

  @OnJobFailed('simulation')
  async failed(job: Job<SimulationJobData>, error: Error): Promise<void> {
    await this.repo.markFailed(job.data.simulationId, error.message);
  }
}
