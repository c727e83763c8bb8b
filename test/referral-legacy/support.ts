import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, dataSourceOptions } from '../../libs/core/src/index.js';
import { AuditRepository } from '../../libs/core/src/audit/audit.repository.js';
import { TransactionScope } from '../../libs/core/src/idempotency/transaction-scope.js';
import { EarningsParametersRepository } from '../../libs/payouts/src/earnings-parameters.repository.js';
import { EarningsParametersService } from '../../libs/payouts/src/earnings-parameters.service.js';
import { SCHEMA } from '../../libs/schema/src/schema.js';
import { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { ReferralLegacyRepository } from '../../libs/referral-legacy/src/referral-legacy.repository.js';

/** A ReferralCreditsService on its own connection pool: one per simulated worker process. */
export async function creditsServiceOn(url: string): Promise<{ service: ReferralCreditsService; dataSource: DataSource }> {
  Logger.overrideLogger(false); // outside Nest: no pino here, keep the test output quiet
  const dataSource = await new DataSource(dataSourceOptions(url, SCHEMA, 4)).initialize();
  const audit = new AuditService(new AuditRepository(dataSource));
  const parameters = new EarningsParametersService(new EarningsParametersRepository(dataSource), audit, new TransactionScope(dataSource));
  const service = new ReferralCreditsService(dataSource, new ReferralLegacyRepository(dataSource), audit, parameters);
  return { service, dataSource };
}
