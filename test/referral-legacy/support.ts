import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, dataSourceOptions } from '../../libs/core/src/index.js';
import { SCHEMA } from '../../libs/schema/src/schema.js';
import { ReferralCreditsService } from '../../libs/referral-legacy/src/referral-credits.service.js';
import { ReferralLegacyRepository } from '../../libs/referral-legacy/src/referral-legacy.repository.js';

/** A ReferralCreditsService on its own connection pool: one per simulated worker process. */
export async function creditsServiceOn(url: string): Promise<{ service: ReferralCreditsService; dataSource: DataSource }> {
  Logger.overrideLogger(false); // outside Nest: no pino here, keep the test output quiet
  const dataSource = await new DataSource(dataSourceOptions(url, SCHEMA, 4)).initialize();
  const service = new ReferralCreditsService(dataSource, new ReferralLegacyRepository(dataSource), new AuditService(dataSource));
  return { service, dataSource };
}
