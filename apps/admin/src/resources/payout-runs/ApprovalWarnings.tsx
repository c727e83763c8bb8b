import { Alert, AlertTitle, Box } from '@mui/material';
import { Link, useCanAccess } from 'react-admin';
import type { ApprovalWarning } from '../../api';
import { filteredListPath } from '../../components/fields';
import { formatMicros } from '../../money';
import { formatCount } from '../../numbers';

/** A count the warning's details carry (the port's details are free-form). */
const countOf = (w: ApprovalWarning, key: string): number | null => {
  const v = w.details?.[key];
  return typeof v === 'number' ? v : null;
};

/** Money at stake as the queue says it: null is "not computed yet", never a guess. */
const atStake = (w: ApprovalWarning) => (w.amountMicros === null ? 'not computed yet' : formatMicros(w.amountMicros));

const IntegrityWarning = ({ warning, period }: { warning: ApprovalWarning; period: string }) => {
  const { canAccess } = useCanAccess({ resource: 'integrity-cases', action: 'list' });
  const cases = countOf(warning, 'cases');
  const notComputed = countOf(warning, 'notComputed') ?? 0;
  return (
    <>
      <AlertTitle>
        {cases === null ? 'Open integrity cases' : `${formatCount(cases)} open integrity case${cases === 1 ? '' : 's'}`} for {period}
      </AlertTitle>
      <Box data-testid="approval-warning-at-stake">
        Money at stake: {atStake(warning)}
        {notComputed > 0 && warning.amountMicros !== null ? ` (and ${formatCount(notComputed)} case(s) not computed yet)` : ''}
      </Box>
      <Box sx={{ mt: 0.5 }}>
        {canAccess ? (
          <Link to={filteredListPath('integrity-cases', { status: 'open', period })} data-testid="approval-warning-queue">
            Open the integrity queue for {period}
          </Link>
        ) : (
          'An integrity reviewer can review them in the integrity queue.'
        )}
      </Box>
    </>
  );
};

/**
 * What approving the run warns about (GET /api/payout-runs/:id, computed runs): shown on the
 * run's page and again in the approve dialog. A warning never blocks approval (issue 18).
 */
export const ApprovalWarnings = ({
  warnings,
  period,
  inDialog = false,
}: {
  warnings: ApprovalWarning[];
  period: string;
  inDialog?: boolean;
}) =>
  warnings.length === 0 ? null : (
    <Box data-testid={inDialog ? 'approve-dialog-warnings' : 'approval-warnings'} sx={{ display: 'grid', gap: 1, mb: 2 }}>
      {warnings.map((w, i) => (
        <Alert key={`${w.code}-${i}`} severity="warning" data-testid={`approval-warning-${w.code}`}>
          {w.code === 'integrity_open_cases' ? <IntegrityWarning warning={w} period={period} /> : w.message}
          {inDialog ? <Box sx={{ mt: 0.5, fontWeight: 500 }}>Approving anyway is allowed.</Box> : null}
        </Alert>
      ))}
    </Box>
  );
