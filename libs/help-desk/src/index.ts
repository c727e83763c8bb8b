export * from './earnings-comparison.js';
export * from './explanations.service.js';
export * from './help-desk.module.js';
export * from './ticket.entity.js';
