import type { SchemaDefinition } from '../../core/src/database/data-source.js';
import { StaffUser, LoginFailure, StaffRecoveryCode } from '../../core/src/staff/staff-user.entity.js';
import { StaffSession } from '../../core/src/auth/staff-session.entity.js';
import { AuditEntry } from '../../core/src/audit/audit-entry.entity.js';
import { IdempotencyKey } from '../../core/src/idempotency/idempotency-key.entity.js';
import { READING_DATA_ENTITIES } from '../../intake/src/entities/reading-data.entities.js';
import { Application } from '../../eligibility/src/application.entity.js';
import { Country } from '../../eligibility/src/country.entity.js';
import { PartnerStatusChange } from '../../eligibility/src/partner-status-change.entity.js';
import { Nomination } from '../../boost-curation/src/nomination.entity.js';
import { BoostDecision } from '../../boost-curation/src/boost-decision.entity.js';
import { BoostImpact } from '../../boost-curation/src/boost-impact.entity.js';
import { HELP_DESK_ENTITIES } from '../../help-desk/src/ticket.entity.js';
import { ReferralCredit } from '../../referral-legacy/src/referral-credit.entity.js';
import { INTEGRITY_ENTITIES } from '../../integrity/src/integrity.entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { PAYOUT_ENTITIES } from '../../payouts/src/payouts.entities.js';

/** Every entity and every migration of the product: the one list the data sources use. */
export const SCHEMA: SchemaDefinition = {
  entities: [
    ...PAYOUT_ENTITIES,
    StaffUser,
    LoginFailure,
    StaffSession,
    StaffRecoveryCode,
    AuditEntry,
    IdempotencyKey,
    ...READING_DATA_ENTITIES,
    Application,
    Country,
    PartnerStatusChange,
    Nomination,
    BoostDecision,
    BoostImpact,
    ...HELP_DESK_ENTITIES,
    ReferralCredit,
    ...INTEGRITY_ENTITIES,
  ],
  migrations: MIGRATIONS,
};
