export * from './application.entity.js';
export * from './country.entity.js';
export * from './partner-status-change.entity.js';
export { EligibilityModule, ApplicationIntakeHook } from './eligibility.module.js';
export { ApplicationsService, type BulkApproveResult, type SkippedApplication } from './applications.service.js';
export { PartnersService, type PartnerAction } from './partners.service.js';
export { CountriesService } from './countries.service.js';
