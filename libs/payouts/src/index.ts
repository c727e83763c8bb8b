export * from './earnings-parameters.js';
export * from './earnings-parameters.service.js';
export * from './payout-results.repository.js';
export * from './payouts.entities.js';
export * from './payouts.module.js';
export * from './payouts-views.dto.js';
export * from './integrity-actions/integrity-actions.service.js';
export { SimulationsService, type SimulationRequest } from './simulation/simulations.service.js';
export { SimulationResultsRepository } from './simulation/simulation-results.repository.js';
