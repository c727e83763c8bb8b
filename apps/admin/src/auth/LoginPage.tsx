import { Button, Card, CardContent, Link, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useLogin, useNotify } from 'react-admin';

/**
 * Email and password; for an account with two-factor, then a code (or a recovery code) in a
 * second step, without retyping the password.
 */
export const LoginPage = () => {
  const login = useLogin();
  const notify = useNotify();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [recovery, setRecovery] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const second = needsCode ? (recovery ? { recoveryCode: code.trim() } : { code: code.trim() }) : {};
      await login({ username, password, ...second });
    } catch (err) {
      if ((err as { code?: string }).code === 'second_factor_required') {
        setNeedsCode(true);
      } else {
        notify((err as Error).message, { type: 'error' });
        if (needsCode) setCode('');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack sx={{ minHeight: '100vh', bgcolor: 'grey.100', alignItems: 'center', justifyContent: 'center' }}>
      <Card sx={{ width: 360 }}>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            Partner Program console
          </Typography>
          <form onSubmit={(e) => void submit(e)}>
            <TextField
              fullWidth
              margin="dense"
              label="Email"
              name="username"
              autoComplete="username"
              autoFocus={!needsCode}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              disabled={needsCode}
            />
            <TextField
              fullWidth
              margin="dense"
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              disabled={needsCode}
            />
            {needsCode ? (
              <>
                <TextField
                  fullWidth
                  autoFocus
                  margin="dense"
                  label={recovery ? 'Recovery code' : 'Code from your authenticator app'}
                  name="code"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  slotProps={{ htmlInput: { inputMode: recovery ? 'text' : 'numeric', autoComplete: 'one-time-code', maxLength: 11 } }}
                />
                <Link component="button" type="button" variant="body2" onClick={() => setRecovery(!recovery)}>
                  {recovery ? 'Use a code from the app' : 'Use a recovery code'}
                </Link>
              </>
            ) : null}
            <Button fullWidth type="submit" variant="contained" sx={{ mt: 2 }} disabled={busy}>
              Sign in
            </Button>
          </form>
        </CardContent>
      </Card>
    </Stack>
  );
};
