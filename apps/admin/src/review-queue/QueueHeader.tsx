import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Button, Chip, Stack } from '@mui/material';
import type { ReactNode } from 'react';
import { formatCount } from '../numbers';
import type { QueueResource } from './api';
import { useQueueNavigation, useQueueStats } from './useQueue';

const LABELS: Record<string, string> = {
  pending: 'pending',
  eligible: 'all checks pass',
  failing: 'failing a check',
  claimedByMe: 'yours',
  claimedByOthers: 'being reviewed by others',
  decidedToday: 'decided today',
  decidedByMeToday: 'by you today',
};

/** The queue's counts (refreshed every few seconds and after each decision) and the way in: "Start reviewing" (N). */
export const QueueHeader = ({ resource, children }: { resource: QueueResource; children?: ReactNode }) => {
  const { data } = useQueueStats(resource);
  const { next } = useQueueNavigation(resource);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', py: 1 }} data-testid="queue-counts" aria-live="polite">
      <Button
        variant="contained"
        size="small"
        startIcon={<PlayArrowIcon />}
        onClick={() => void next()}
        disabled={!data?.pending}
        title="Open the oldest free item (N)"
      >
        Start reviewing (N)
      </Button>
      {data
        ? Object.entries(LABELS)
            .filter(([k]) => k in data)
            .map(([k, label]) => (
              <Chip
                key={k}
                size="small"
                variant={k === 'pending' ? 'filled' : 'outlined'}
                label={`${formatCount(data[k])} ${label}`}
                data-testid={`count-${k}`}
              />
            ))
        : null}
      {children}
    </Stack>
  );
};
