import { SetMetadata } from '@nestjs/common';

export const STEP_UP_KEY = 'ppc:step-up';
/** Open to a session that must still enrol its second factor (sign-in, profile, enrolment). */
export const ENROLMENT_KEY = 'ppc:enrolment-open';

/**
 * The route moves money or changes who may: it needs a second-factor confirmation made in
 * this session within STEP_UP_MINUTES, else 403 `step_up_required` (AccessGuard).
 */
export const StepUp = () => SetMetadata(STEP_UP_KEY, true);
export const OpenForEnrolment = () => SetMetadata(ENROLMENT_KEY, true);
