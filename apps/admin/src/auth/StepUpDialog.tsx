import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { onStepUpRequired, stepUpRequest } from '../http';

/**
 * Money actions need a fresh second-factor confirmation: when the API answers
 * `step_up_required`, this dialog asks for a code; the action is then retried as it was, so
 * nothing typed on the page is lost. Cancel gives the original refusal back.
 */
export const StepUpDialog = () => {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const settle = useRef<((ok: boolean) => void) | null>(null);
  const pending = useRef<Promise<boolean> | null>(null);

  useEffect(() => {
    onStepUpRequired(() => {
      // Several refused calls at once share one dialog.
      pending.current ??= new Promise<boolean>((resolve) => {
        settle.current = resolve;
        setCode('');
        setError(null);
        setOpen(true);
      }).finally(() => (pending.current = null));
      return pending.current;
    });
    return () => onStepUpRequired(null);
  }, []);

  const close = (ok: boolean) => {
    setOpen(false);
    settle.current?.(ok);
    settle.current = null;
  };
  const confirm = async () => {
    setBusy(true);
    try {
      const value = code.trim();
      await stepUpRequest(/^\d{6}$/.test(value) ? { code: value } : { recoveryCode: value });
      close(true);
    } catch (e) {
      const err = e as { status?: number; body?: { message?: string } };
      setError(err.status === 429 ? 'Too many attempts: wait a moment' : (err.body?.message ?? 'That code did not work'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={() => close(false)} aria-labelledby="step-up-title">
      <DialogTitle id="step-up-title">Confirm with your authenticator</DialogTitle>
      <DialogContent>
        <DialogContentText>
          This action moves money or changes access. Enter the 6-digit code from your authenticator app (or a recovery code).
        </DialogContentText>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label="Code"
          name="step-up-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void confirm()}
          slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 11 } }}
          error={!!error}
          helperText={error ?? ' '}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => close(false)}>Cancel</Button>
        <Button variant="contained" disabled={busy || code.trim().length < 6} onClick={() => void confirm()}>
          Confirm
        </Button>
      </DialogActions>
    </Dialog>
  );
};
