import { Injectable } from '@nestjs/common';
import { notFound, toJson } from '../../core/src/index.js';
import { EarningsParametersService } from '../../payouts/src/earnings-parameters.service.js';
import { SimulationResultsRepository, SimulationsService } from '../../payouts/src/index.js';
import { boostImpactEstimate } from './boost-impact-estimate.js';
import { BoostImpactRepository } from './boost-impact.repository.js';

/**
 * What a boost moves. After it ended: per month of its window with an approved run, the
 * story's earnings in the run minus a simulation of that month without this boost (the
 * simulation is kept and reused; the total is stored for calibration). Before a decision: an estimate (boost-impact-estimate.ts).
 */
@Injectable()
export class BoostImpactService {
  constructor(
    private readonly repo: BoostImpactRepository,
    private readonly simulations: SimulationsService,
    private readonly results: SimulationResultsRepository,
    private readonly parameters: EarningsParametersService,
  ) {}

  async realised(boostId: string) {
    const boost = await this.repo.boost(boostId);
    if (!boost) throw notFound('boost', boostId);
    if (boost.state !== 'ended') return { boostId, storyId: boost.storyId, state: boost.state, periods: [], realisedMicros: null };
    let total = 0n;
    let complete = true;
    const periods = [];
    for (const { period, runId } of await this.repo.periods(boostId)) {
      if (!runId) {
        complete = false;
        periods.push({ period, runId: null, simulationId: null, runMicros: null, withoutBoostMicros: null, movedMicros: null });
        continue;
      }
      const simulationId = await this.simulations.simulateOnce({ period, withoutBoostIds: [boostId], label: `boost impact ${boostId}` });
      const d = await this.results.storyDifference(simulationId, boost.storyId);
      total += d.run - d.sim;
      periods.push({
        period,
        runId,
        simulationId,
        runMicros: toJson(d.run),
        withoutBoostMicros: toJson(d.sim),
        movedMicros: toJson(d.run - d.sim),
      });
    }
    await this.repo.store(boostId, total, complete);
    return { boostId, storyId: boost.storyId, state: boost.state, periods, realisedMicros: toJson(total), complete };
  }

  async estimate(nominationId: string) {
    const found = await this.repo.nominationStory(nominationId);
    if (!found) throw notFound('nomination', nominationId);
    const { payout, curation } = (await this.parameters.current()).params;
    const base = {
      nominationId,
      storyId: found.storyId,
      estimate: true as const,
      boostBps: payout.boostBps,
      boostDays: curation.boostDays,
    };
    if (!found.period) return { ...base, basisPeriod: null, basisEarningsMicros: null, basisMemberReads: null, estimatedMicros: null };
    const earnings = BigInt(found.earningsMicros!);
    return {
      ...base,
      basisPeriod: found.period,
      basisEarningsMicros: toJson(earnings),
      basisMemberReads: found.memberReads,
      estimatedMicros: toJson(
        boostImpactEstimate({
          earningsMicros: earnings,
          periodDays: found.periodDays!,
          boostBps: payout.boostBps,
          boostDays: curation.boostDays,
        }),
      ),
    };
  }
}
