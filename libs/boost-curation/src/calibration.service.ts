import { Injectable } from '@nestjs/common';
import { parseListQuery, toPage, type ListSpec } from '../../core/src/index.js';
import { withMoney } from '../../payouts/src/index.js';
import { CalibrationRepository } from './calibration.repository.js';

/** Sorting by what calibration measures: the rate and the realised effect (and the counts behind them). */
const EFFECT_SORT = {
  acceptanceRateBps: 'y."acceptanceRateBps"',
  endedBoosts: 'y."endedBoosts"',
  measuredBoosts: 'y."measuredBoosts"',
  realisedMicros: 'y."realisedMicros"',
  medianRealisedMicros: 'y."medianRealisedMicros"',
  boosted: 'y.boosted',
  declined: 'y.declined',
  name: 'y.name',
};

/** Per nominator (id = member id), over the nominations made in the months filtered (`period_gte`, `period_lte`). */
export const NOMINATOR_CALIBRATION_LIST: ListSpec = {
  resource: 'nominator-calibration',
  key: 'y.id',
  defaultSort: ['nominations', 'DESC'],
  sort: { ...EFFECT_SORT, nominations: 'y.nominations', refused: 'y.refused' },
  filters: {
    id: { column: 'x.nominator_id', type: 'text' },
    period: { column: 'x.period', type: 'period' },
  },
  search: ['x.name', 'x.username'],
  notNull: ['nominations', 'boosted', 'declined', 'refused', 'endedBoosts', 'measuredBoosts', 'name'],
};

/** Per curator (id = staff user id), over the decisions made (and boosts started) in the months filtered. */
export const CURATOR_CALIBRATION_LIST: ListSpec = {
  resource: 'curator-calibration',
  key: 'y.id',
  defaultSort: ['decisions', 'DESC'],
  sort: { ...EFFECT_SORT, decisions: 'y.decisions', boostsChosen: 'y."boostsChosen"' },
  filters: {
    id: { column: 'x.curator_id', type: 'uuid' },
    period: { column: 'x.period', type: 'period' },
  },
  search: ['x.name', 'x.email'],
  notNull: ['decisions', 'boostsChosen', 'boosted', 'declined', 'endedBoosts', 'measuredBoosts', 'name'],
};

const MONEY = ['realisedMicros', 'medianRealisedMicros'] as const;

/**
 * Nominator and curator calibration: how often their nominations or choices were boosted,
 * and what the ended boosts among them moved (boost impact's stored measurements).
 */
@Injectable()
export class CalibrationService {
  constructor(private readonly repo: CalibrationRepository) {}

  async nominators(query: Record<string, unknown>) {
    const q = parseListQuery(query, NOMINATOR_CALIBRATION_LIST);
    const page = await this.repo.nominators(q);
    return toPage(
      NOMINATOR_CALIBRATION_LIST.resource,
      q.offset,
      page.map((r) => withMoney(r, MONEY)),
      () => this.repo.countNominators(q),
    );
  }

  async curators(query: Record<string, unknown>) {
    const q = parseListQuery(query, CURATOR_CALIBRATION_LIST);
    const page = await this.repo.curators(q);
    return toPage(
      CURATOR_CALIBRATION_LIST.resource,
      q.offset,
      page.map((r) => withMoney(r, MONEY)),
      () => this.repo.countCurators(q),
    );
  }
}
