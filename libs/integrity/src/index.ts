export * from './integrity.entities.js';
export * from './integrity-rules.js';
export * from './integrity-parameters.js';
export { IntegrityModule } from './integrity.module.js';
export { SignalsService, signalsJobId, type DetectionResult, type SupersededDetection } from './signals.service.js';
export { StakesService, StakesQueue, stakesJobIds, type StakesResult } from './stakes.service.js';
export { queueDetections, signalsAfterIntakeJobId } from './detection-after-intake.js';
