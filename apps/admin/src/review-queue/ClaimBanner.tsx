import { Alert, CircularProgress } from '@mui/material';
import { formatUtc } from '../dates';
import type { ClaimState } from './useQueue';

/** Who is working on the open item: you (until when), someone else (decisions disabled), or nobody (decided). */
export const ClaimBanner = ({ state, what }: { state: ClaimState; what: string }) => {
  switch (state.kind) {
    case 'claiming':
      return (
        <Alert severity="info" icon={<CircularProgress size={18} />} data-testid="claim-banner">
          Claiming this {what}…
        </Alert>
      );
    case 'mine':
      return (
        <Alert severity="success" data-testid="claim-banner">
          You are reviewing this {what}: nobody else can decide it until you decide, move on or leave (claim renewed while open, now until{' '}
          {formatUtc(state.until)}).
        </Alert>
      );
    case 'theirs':
      return (
        <Alert severity="warning" data-testid="claim-banner">
          {state.email ?? 'Another staff member'} is reviewing this {what} (claimed until {formatUtc(state.until)}): you can read it, not
          decide it. Press J for the next free one.
        </Alert>
      );
    default:
      return null;
  }
};
