import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, micros, notFound, Page, parseListQuery, toJson, type AppConfig } from '../../core/src/index.js';
import {
  CREDIT_LIST,
  REFERRAL_LIST,
  ReferralLegacyRepository,
  TOTALS_LIST,
  type CreditRow,
  type ReferralRow,
  type TotalsRow,
} from './referral-legacy.repository.js';
import { isPeriod } from '../../core/src/period/period.js';

/** JSON money: integers (a decimal string only beyond 2^53). */
const money = (value: string) => toJson(micros(value));

const referralView = ({ creditedMicros, ...row }: ReferralRow) => ({ ...row, creditedMicros: money(creditedMicros) });
const creditView = ({ id, amountMicros, ...row }: CreditRow) => ({ id: String(id), ...row, amountMicros: money(amountMicros) });
const totalsView = ({ creditedMicros, reversedMicros, totalMicros, ...row }: TotalsRow) => ({
  ...row,
  creditedMicros: money(creditedMicros),
  reversedMicros: money(reversedMicros),
  totalMicros: money(totalMicros),
});

/** What support and finance read: legacy referrals, their credits, totals per period; and the public referral pages. */
@Injectable()
export class ReferralViewsService {
  constructor(
    private readonly repo: ReferralLegacyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async referrals(query: Record<string, unknown>) {
    const q = parseListQuery(query, REFERRAL_LIST);
    const { rows, total } = await this.repo.listReferrals(q);
    return new Page(REFERRAL_LIST.resource, q.offset, rows.map(referralView), total);
  }

  async referral(id: string) {
    const row = await this.repo.referral(id);
    if (!row) throw notFound('referral', id);
    return referralView(row);
  }

  async credits(query: Record<string, unknown>) {
    const q = parseListQuery(query, CREDIT_LIST);
    const { rows, total } = await this.repo.listCredits(q);
    return new Page(CREDIT_LIST.resource, q.offset, rows.map(creditView), total);
  }

  async credit(id: string) {
    const row = /^\d{1,18}$/.test(id) ? await this.repo.credit(id) : undefined;
    if (!row) throw notFound('referral credit', id);
    return creditView(row);
  }

  async totals(query: Record<string, unknown>) {
    const q = parseListQuery(query, TOTALS_LIST);
    const { rows, total } = await this.repo.listTotals(q);
    return new Page(TOTALS_LIST.resource, q.offset, rows.map(totalsView), total);
  }

  async periodTotals(period: string) {
    const row = isPeriod(period) ? await this.repo.totals(period) : undefined;
    if (!row) throw notFound('referral credits of period', period);
    return totalsView(row);
  }

  /** Where a referral page now sends its visitors: the writer's profile. Writes nothing. */
  async pageTarget(slug: string): Promise<string> {
    const owner = slug.length <= 200 ? await this.repo.pageOwner(slug) : undefined;
    if (!owner) throw notFound('referral page', slug);
    return `${this.config.profileBaseUrl}${encodeURIComponent(owner.username)}`;
  }
}
