import { col, money, yesNo, type CsvColumn } from '../../components/csv';
import type { Referral, ReferralCredit, ReferralCreditTotals } from '../../api';

export const referralCsv: CsvColumn<Referral>[] = [
  col('Referral', (r) => r.id),
  col('Referred (UTC)', (r) => r.referredAt),
  col('Referrer id', (r) => r.referrerId),
  col('Referrer', (r) => r.referrerName),
  col('Referrer username', (r) => r.referrerUsername),
  col('Referred member id', (r) => r.referredMemberId),
  col('Referred member', (r) => r.referredMemberName),
  col('Page', (r) => r.pageSlug),
  col('Plan', (r) => r.plan),
  yesNo('Still paying', (r) => r.stillPaying),
  money('Credited', (r) => r.creditedMicros),
];

export const creditCsv: CsvColumn<ReferralCredit>[] = [
  col('Credit', (r) => r.id),
  col('Period', (r) => r.period),
  col('Kind', (r) => r.kind),
  money('Amount', (r) => r.amountMicros),
  col('Reverses period', (r) => r.reversesPeriod),
  col('Referral', (r) => r.referralId),
  col('Charge', (r) => r.chargeId),
  col('Referrer id', (r) => r.referrerId),
  col('Referrer', (r) => r.referrerName),
  col('Referred member id', (r) => r.referredMemberId),
  col('Plan', (r) => r.plan),
  col('Credited (UTC)', (r) => r.createdAt),
];

export const creditTotalsCsv: CsvColumn<ReferralCreditTotals>[] = [
  col('Period', (r) => r.period),
  col('Credits', (r) => r.credits),
  col('Reversals', (r) => r.reversals),
  col('Referrers', (r) => r.referrers),
  money('Credited', (r) => r.creditedMicros),
  money('Reversed', (r) => r.reversedMicros),
  money('Total', (r) => r.totalMicros),
];
