import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import { Button, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import { useListContext, useNotify, useRefresh, useUnselectAll } from 'react-admin';
import { IfCan, errorMessage, useAction } from '../../components/actions';
import { queueApi } from '../../review-queue/api';
import {
  BulkPreviewDialog,
  ConfirmDialog,
  DecisionDialog,
  NOTE_MAX,
  type BulkPreview,
  type DecisionValues,
} from '../../review-queue/dialogs';
import { DECLINE_REASONS, declineNeedsNote } from './constants';
import type { BulkDeclineResult, Nomination } from '../../api';

/** Boost after a confirmation: the window starts now and lasts the configured days; final. */
export const BoostDialog = ({
  record,
  open,
  onClose,
  onDone,
}: {
  record: Nomination;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) => {
  const { run, pending } = useAction();
  const [note, setNote] = useState('');
  const confirm = async () => {
    if (pending || note.length > NOTE_MAX) return;
    const body = note.trim() ? { note: note.trim() } : {};
    const done = await run(
      (dp) => dp.act('nominations', record.id, 'boost', body),
      `Boosted “${record.storyTitle}” (nomination ${record.id})`,
    );
    onClose();
    setNote('');
    if (done) onDone();
  };
  return (
    <ConfirmDialog
      open={open}
      title={`Boost “${record.storyTitle}”?`}
      confirmLabel="Boost"
      color="success"
      pending={pending || note.length > NOTE_MAX}
      onClose={onClose}
      onConfirm={() => void confirm()}
    >
      <Typography variant="body2" sx={{ mb: 2 }}>
        The story by {record.authorName} gets a boost window from now for the configured number of days; its readers during the window count
        more in the payout run. Decisions are final.
      </Typography>
      <TextField
        label="Note (optional)"
        name="note"
        fullWidth
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={note.length > NOTE_MAX}
        helperText={note.length > NOTE_MAX ? `at most ${NOTE_MAX.toLocaleString('en-US')} characters` : 'Enter boosts'}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void confirm();
          }
        }}
      />
    </ConfirmDialog>
  );
};

export const DeclineDialog = ({
  record,
  open,
  onClose,
  onDone,
}: {
  record: Nomination;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) => {
  const { run, pending } = useAction();
  return (
    <DecisionDialog
      open={open}
      title={`Decline “${record.storyTitle}”`}
      confirmLabel="Decline"
      reasons={DECLINE_REASONS}
      initialReason="clickbait"
      noteLabel="Note (required for “other”)"
      noteRequired={declineNeedsNote}
      pending={pending}
      onClose={onClose}
      onConfirm={async (v: DecisionValues) => {
        const body = v.note ? v : { reason: v.reason };
        const done = await run(
          (dp) => dp.act('nominations', record.id, 'decline', body),
          `Declined “${record.storyTitle}” (${v.reason.replace(/_/g, ' ')})`,
        );
        onClose();
        if (done) onDone();
      }}
    />
  );
};

/** Bulk decline of the selected nominations under one guideline: reason, then the server's preview, then the decline. */
export const BulkDeclineButton = () => {
  const { selectedIds, data = [] } = useListContext<Nomination>();
  const unselectAll = useUnselectAll('nominations');
  const notify = useNotify();
  const refresh = useRefresh();
  const [step, setStep] = useState<'reason' | 'preview' | null>(null);
  const [values, setValues] = useState<DecisionValues | null>(null);
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [pending, setPending] = useState(false);
  useHotkeys('shift+d', () => setStep('reason'), { enabled: step === null });
  const title = (id: string) => data.find((n) => n.id === id)?.storyTitle ?? id;
  const body = (v: DecisionValues, dryRun: boolean) => ({
    ids: selectedIds,
    reason: v.reason,
    ...(v.note ? { note: v.note } : {}),
    dryRun,
  });
  return (
    <IfCan resource="nominations" action="bulk-decline">
      <Button size="small" color="error" startIcon={<DoNotDisturbIcon />} onClick={() => setStep('reason')} data-testid="bulk-decline">
        Decline selected… (Shift+D)
      </Button>
      <DecisionDialog
        open={step === 'reason'}
        title={`Decline ${selectedIds.length} selected nominations`}
        confirmLabel="Preview"
        reasons={DECLINE_REASONS}
        initialReason="clickbait"
        noteLabel="Note (required for “other”)"
        noteRequired={declineNeedsNote}
        onClose={() => setStep(null)}
        onConfirm={async (v) => {
          setValues(v);
          setPreview(null);
          setStep('preview');
          try {
            const r = await queueApi.post<BulkDeclineResult>('nominations/bulk-decline', body(v, true));
            setPreview({
              will: r.declined.map((id) => `${id}: “${title(id)}” declined (${v.reason.replace(/_/g, ' ')})`),
              skipped: r.skipped.map(
                (s) =>
                  `${s.id}: ${s.reason === 'claimed' ? `being reviewed by ${s.claimedByEmail ?? 'someone else'}` : s.reason === 'not_pending' ? `already ${s.status}` : 'not found'}`,
              ),
            });
          } catch (e) {
            setStep(null);
            notify(errorMessage(e), { type: 'error' });
          }
        }}
      />
      <BulkPreviewDialog
        open={step === 'preview'}
        title={`Decline ${selectedIds.length} selected nominations?`}
        preview={preview}
        confirmLabel="Decline"
        done="declined"
        pending={pending}
        onClose={() => setStep(null)}
        onConfirm={async () => {
          if (!values) return;
          setPending(true);
          try {
            const r = await queueApi.post<BulkDeclineResult>('nominations/bulk-decline', body(values, false));
            notify(`${r.declinedCount} nominations declined, ${r.skippedCount} skipped`, { type: 'success' });
            unselectAll();
            refresh();
          } catch (e) {
            notify(errorMessage(e), { type: 'error' });
          } finally {
            setPending(false);
            setStep(null);
          }
        }}
      />
    </IfCan>
  );
};
