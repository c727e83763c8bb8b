import { Alert, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title } from 'react-admin';
import { errorMessage } from '../components/actions';
import { API, httpClient } from '../http';

/**
 * The admins' queue dashboard (Bull Board) lives at /api/queues, outside the console. The
 * console's bearer token does not travel with a page load, so this page first asks the API
 * for a short-lived board cookie (admins only), then opens the board.
 */
export const QueueDashboardPage = () => {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    httpClient(`${API}/queue-board/session`, { method: 'POST', body: '{}' }).then(
      ({ json }) => window.location.assign((json as { url: string }).url),
      (e) => setError(errorMessage(e)),
    );
  }, []);
  return (
    <Card>
      <Title title="Queue dashboard" />
      <CardContent>
        {error ? (
          <Alert severity="error">{error}</Alert>
        ) : (
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <CircularProgress size={20} />
            <Typography>Opening the queue dashboard (payout, referral and intake queues; failed jobs; retry)…</Typography>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
