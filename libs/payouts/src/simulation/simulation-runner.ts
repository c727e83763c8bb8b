import { Injectable } from '@nestjs/common';
import { PayoutRunRepository } from '../run/payout-run.repository.js';
import { SimulationRepository } from './simulation.repository.js';

const PREPARE_SHARE = 40; // progress after preparing; shards take it to 95, finalize to 100
/** Shards computed at once (each one SQL statement in its own backend, like the run's two shard jobs per worker). */
const SHARDS_AT_ONCE = 2;

/**
 * Runs the payout run's engine for a simulation: the same prepare, shard and finalize steps
 * as a run, in the simulation's own work tables and result tables, in one job. A retry starts
 * over (every step replaces its own output).
 */
@Injectable()
export class SimulationRunner {
  constructor(
    private readonly repo: SimulationRepository,
    private readonly engine: PayoutRunRepository,
  ) {}

  /** 'done', or why nothing was done ('gone': deleted or already done). */
  async execute(id: string): Promise<'done' | 'gone'> {
    if (!(await this.repo.markRunning(id))) return 'gone';
    const sim = (await this.repo.find(id))!;
    const prepared = await this.engine.prepareWork(
      { period: sim.period, prefix: this.repo.workPrefix(id), effects: false, scopeFor: (refs) => this.repo.scope(sim, refs) },
      (done, of) => this.repo.setProgress(id, Math.floor((PREPARE_SHARE * done) / of)),
    );
    const s = this.repo.scope(sim, prepared.exclusions?.refs ?? []);
    const shards = sim.params.shards;
    let next = 0;
    let done = 0;
    const lane = async () => {
      for (let shard = next++; shard < shards; shard = next++) {
        await this.engine.computeShardWork(s, shard);
        done++;
        await this.repo.setProgress(id, PREPARE_SHARE + Math.floor(((95 - PREPARE_SHARE) * done) / shards));
      }
    };
    await Promise.all(Array.from({ length: Math.min(SHARDS_AT_ONCE, shards) }, lane));
    await this.repo.finalize(sim, prepared);
    return 'done';
  }
}
