import { Alert, AlertTitle, Box } from '@mui/material';
import { Link } from 'react-admin';
import { Offending, checkLabel, useLatestIntegrityRun } from '../resources/ledger/IntegrityPage';
import { formatUtc } from '../dates';

/** Finance's dashboard: an alert when the latest run of the ledger's integrity checks failed, with what it names. */
export const IntegrityAlert = () => {
  const { data: run } = useLatestIntegrityRun();
  if (!run || run.ok) return null;
  return (
    <Alert severity="error" sx={{ mb: 2 }} data-testid="integrity-alert">
      <AlertTitle>
        Ledger integrity check failed ({formatUtc(run.checkedAt)}) — <Link to="/ledger-integrity">open the integrity page</Link>
      </AlertTitle>
      {run.failures.map((f) => (
        <Box key={f.check} sx={{ mb: 1 }}>
          <strong>{checkLabel(f.check)}</strong>
          <Offending rows={f.offending.slice(0, 5)} />
        </Box>
      ))}
    </Alert>
  );
};
