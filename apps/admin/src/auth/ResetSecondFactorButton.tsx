import { Button } from '@mui/material';
import { useState } from 'react';
import { useGetIdentity, useNotify, useRecordContext } from 'react-admin';
import { ReasonDialog, errorMessage } from '../components/actions';
import { API, httpClient } from '../http';
import { MAX_REASON_LENGTH } from '@libs/core/src/text-limits';

/** An admin removes another person's second factor (lost phone or codes), with a reason for the audit log. */
export const ResetSecondFactorButton = () => {
  const record = useRecordContext<{ id: string; email: string }>();
  const { identity } = useGetIdentity();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  if (!record || identity?.id === record.id) return null; // never one's own
  const reset = async ({ reason }: Record<string, string>) => {
    setPending(true);
    try {
      await httpClient(`${API}/staff-users/${encodeURIComponent(record.id)}/second-factor/reset`, {
        method: 'POST',
        body: JSON.stringify({ reason }),
      });
      notify(`Two-factor reset for ${record.email}: they enrol again at their next sign-in`, { type: 'success' });
      setOpen(false);
    } catch (e) {
      notify(errorMessage(e), { type: 'error' });
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <Button color="warning" onClick={() => setOpen(true)}>
        Reset two-factor
      </Button>
      <ReasonDialog
        open={open}
        title={`Reset two-factor for ${record.email}`}
        fields={[
          {
            name: 'reason',
            label: 'Reason',
            required: true,
            helperText: 'e.g. lost phone; recorded in the audit log',
            maxLength: MAX_REASON_LENGTH,
          },
        ]}
        confirmLabel="Reset two-factor"
        onClose={() => setOpen(false)}
        onConfirm={reset}
        pending={pending}
      />
    </>
  );
};
