import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useNotify } from 'react-admin';
import type { SecondFactorEnrolment as Enrolment, StaffIdentity } from '../api';
import { API, httpClient, session } from '../http';

/** The signed-in person's profile: two-factor status and enrolment (QR code, first code, recovery codes shown once). */
export const ProfilePage = () => {
  const notify = useNotify();
  const [me, setMe] = useState<StaffIdentity | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const load = () => httpClient(`${API}/auth/me`).then(({ json }) => (setMe(json), session.setUser(json)));
  useEffect(() => {
    void load();
  }, []);

  const begin = async () => {
    const { json } = await httpClient(`${API}/auth/second-factor/enrol`, { method: 'POST' });
    setEnrolment(json);
  };
  const confirm = async () => {
    try {
      const { json } = await httpClient(`${API}/auth/second-factor/confirm`, {
        method: 'POST',
        body: JSON.stringify({ code: code.trim() }),
      });
      setRecoveryCodes(json.recoveryCodes);
      setEnrolment(null);
      await load();
    } catch (e) {
      notify((e as { body?: { message?: string } }).body?.message ?? 'That code did not work', { type: 'error' });
    }
  };

  if (!me) return null;
  const factor = me.secondFactor;
  return (
    <Card sx={{ mt: 2, maxWidth: 640 }}>
      <Title title="Profile" />
      <CardContent>
        <Typography variant="h6">{me.name}</Typography>
        <Typography color="text.secondary" gutterBottom>
          {me.email} · {me.roles.join(', ')}
        </Typography>
        <Typography variant="subtitle1" sx={{ mt: 2 }}>
          Two-factor sign-in
        </Typography>
        {recoveryCodes ? (
          <Alert severity="warning" sx={{ my: 1 }} data-testid="recovery-codes">
            Save these recovery codes now: each signs you in once if you lose your phone. They are not shown again.
            <Box component="pre" sx={{ fontFamily: 'monospace', mt: 1 }}>
              {recoveryCodes.join('\n')}
            </Box>
            <Button onClick={() => setRecoveryCodes(null)}>I have saved them</Button>
          </Alert>
        ) : null}
        {factor?.enrolled ? (
          <Typography data-testid="second-factor-status">
            On ({factor.recoveryCodesLeft} recovery codes left). Lost your phone or codes? Ask an admin to reset it.
          </Typography>
        ) : enrolment ? (
          <Stack spacing={1} sx={{ mt: 1 }}>
            <Typography>Scan this code with your authenticator app, then enter the code it shows.</Typography>
            {/* An SVG from the qrcode library (paths only): no script, no style. */}
            <Box data-testid="enrolment-qr" sx={{ width: 200, height: 200 }} dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
            <Typography variant="body2">
              Or type this key: <code data-testid="enrolment-secret">{enrolment.secret}</code>
            </Typography>
            <TextField
              label="Code"
              name="enrol-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }}
            />
            <Button variant="contained" disabled={code.trim().length !== 6} onClick={() => void confirm()}>
              Turn on two-factor
            </Button>
          </Stack>
        ) : (
          <Stack spacing={1} sx={{ mt: 1, alignItems: 'flex-start' }}>
            {factor?.required ? (
              <Alert severity="info">Your role moves money or manages access: set up two-factor sign-in to continue.</Alert>
            ) : null}
            <Button variant="contained" onClick={() => void begin()}>
              Set up two-factor
            </Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
