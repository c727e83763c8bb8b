import RefreshIcon from '@mui/icons-material/Refresh';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import { Button, Typography } from '@mui/material';
import { useState } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import { useListContext, useNotify, useRecordContext, useRefresh, useUnselectAll } from 'react-admin';
import { IfCan, errorMessage, useAction } from '../../components/actions';
import type { BulkApproveResult } from '../../api';
import { queueApi } from '../../review-queue/api';
import {
  BulkPreviewDialog,
  ConfirmDialog,
  DecisionDialog,
  UNDO_SECONDS,
  type BulkPreview,
  type DecisionValues,
} from '../../review-queue/dialogs';
import { CHECK_LABELS, CHECK_REJECT_REASON, REJECT_REASONS } from './constants';
import type { Application } from '../../api';

const applicant = (r: Application) => r.memberName ?? r.memberId ?? 'the applicant';

/** Why approving is impossible right now (null: it is possible). */
export function approveBlocker(r: Application): string | null {
  if (r.status !== 'pending') return `already ${r.status}`;
  if (r.checks === null) return 'the checks have not been evaluated yet (re-check)';
  if (r.failingChecks?.length) return `fails: ${r.failingChecks.map((c) => CHECK_LABELS[c] ?? c).join(', ')}`;
  return null;
}

export const suggestedRejectReason = (r: Application) => (r.failingChecks?.length ? CHECK_REJECT_REASON[r.failingChecks[0]] : 'policy');

/**
 * Approve after a confirmation that says what will change (the applicant becomes a partner),
 * then an undo window before the decision is sent (UNDO_SECONDS; docs/decisions.md "Forms").
 */
export const ApproveDialog = ({
  record,
  open,
  onClose,
  onDone,
}: {
  record: Application;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) => {
  const { run, pending } = useAction();
  const notify = useNotify();
  return (
    <ConfirmDialog
      open={open}
      title={`Approve application ${record.id}?`}
      confirmLabel="Approve"
      color="success"
      pending={pending}
      onClose={onClose}
      undoWhat={`Approving ${record.id}`}
      onUndo={() => notify(`Undone: application ${record.id} is still pending, nothing changed`, { type: 'info' })}
      onConfirm={async () => {
        const done = await run(
          (dp) => dp.act('applications', record.id, 'approve'),
          `Application ${record.id} approved: ${applicant(record)} is a partner`,
        );
        onClose();
        if (done) onDone();
      }}
    >
      <Typography gutterBottom>
        {applicant(record)} ({record.memberId}) joins the Partner Program now. What changes:
      </Typography>
      <ul data-testid="approve-changes">
        <li>Application {record.id}: pending → approved</li>
        <li>Partner status of {record.memberId}: none → active (a new enrollment opens today)</li>
        <li>Their stories earn from this month on; earlier months are not paid.</li>
      </ul>
      <Typography variant="body2" color="text.secondary">
        The four checks are evaluated again first; approval is refused if one fails. You can undo for {UNDO_SECONDS} seconds after
        confirming.
      </Typography>
    </ConfirmDialog>
  );
};

export const RejectDialog = ({
  record,
  open,
  onClose,
  onDone,
}: {
  record: Application;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) => {
  const { run, pending } = useAction();
  const notify = useNotify();
  return (
    <DecisionDialog
      open={open}
      title={`Reject application ${record.id} (${applicant(record)})`}
      confirmLabel="Reject"
      reasons={REJECT_REASONS}
      initialReason={suggestedRejectReason(record)}
      noteLabel="Note to the record"
      noteRequired={() => true}
      pending={pending}
      onClose={onClose}
      undoWhat={`Rejecting ${record.id}`}
      onUndo={() => notify(`Undone: application ${record.id} is still pending, nothing changed`, { type: 'info' })}
      onConfirm={async (v: DecisionValues) => {
        const done = await run(
          (dp) => dp.act('applications', record.id, 'reject', v),
          `Application ${record.id} rejected (${v.reason.replace(/_/g, ' ')})`,
        );
        onClose();
        if (done) onDone();
      }}
    >
      <Typography variant="body2" color="text.secondary">
        Application {record.id}: pending → rejected. The applicant may apply again later. You can undo for {UNDO_SECONDS} seconds.
      </Typography>
    </DecisionDialog>
  );
};

export const RecheckButton = () => {
  const record = useRecordContext<Application>();
  const { run, pending } = useAction();
  if (!record || record.status !== 'pending') return null;
  return (
    <IfCan resource="applications" action="recheck">
      <Button
        startIcon={<RefreshIcon />}
        disabled={pending}
        onClick={() => run((dp) => dp.act('applications', record.id, 'recheck'), `Checks of ${record.id} evaluated again`)}
      >
        Re-check
      </Button>
    </IfCan>
  );
};

/** The server's dry run in words: who would be approved, who skipped and why. */
type BulkSkip = BulkApproveResult['skipped'][number] & { claimedByEmail?: string | null };

function previewOf(r: Omit<BulkApproveResult, 'skipped'> & { skipped: BulkSkip[] }): BulkPreview {
  return {
    will: r.approved.map((a) => `${a.id}: ${a.memberId} becomes a partner`),
    skipped: r.skipped.map(
      (s) =>
        `${s.id}: ${
          s.reason === 'failing_checks'
            ? `fails ${(s.failingChecks ?? []).map((c) => CHECK_LABELS[c] ?? c).join(', ')}`
            : s.reason === 'claimed'
              ? `being reviewed by ${s.claimedByEmail ?? 'someone else'}`
              : s.reason === 'not_pending'
                ? `already ${s.status}`
                : (s.reason ?? '').replace(/_/g, ' ')
        }`,
    ),
  };
}

/**
 * Bulk approval of the selected rows (or of everything the filters match): a preview from the
 * server first (the same statements, rolled back), then the approval itself.
 */
export const BulkApproveButton = ({ scope }: { scope: 'selected' | 'filtered' }) => {
  const { selectedIds, filterValues, total } = useListContext();
  const unselectAll = useUnselectAll('applications');
  const notify = useNotify();
  const refresh = useRefresh();
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const filter = scope === 'selected' ? { id: selectedIds } : filterValues;
  useHotkeys('shift+a', () => void ask(), { enabled: scope === 'selected' && !open });
  const ask = async () => {
    setOpen(true);
    setPreview(null);
    try {
      setPreview(previewOf(await queueApi.post('applications/bulk-approve', { filter, dryRun: true })));
    } catch (e) {
      setOpen(false);
      notify(errorMessage(e), { type: 'error' });
    }
  };
  return (
    <IfCan resource="applications" action="bulk-approve">
      <Button
        size="small"
        startIcon={<DoneAllIcon />}
        onClick={() => void ask()}
        disabled={scope === 'filtered' && !total}
        data-testid={`bulk-approve-${scope}`}
      >
        {scope === 'selected' ? 'Approve selected… (Shift+A)' : 'Approve all passing…'}
      </Button>
      <BulkPreviewDialog
        open={open}
        title={
          scope === 'selected' ? `Approve ${selectedIds.length} selected applications?` : 'Approve every passing application in this view?'
        }
        preview={preview}
        confirmLabel="Approve"
        done="approved"
        pending={pending}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          setPending(true);
          try {
            const r = await queueApi.post<BulkApproveResult>('applications/bulk-approve', { filter });
            notify(`${r.approvedCount} applications approved, ${r.skippedCount} skipped`, { type: 'success' });
            unselectAll();
            refresh();
          } catch (e) {
            notify(errorMessage(e), { type: 'error' });
          } finally {
            setPending(false);
            setOpen(false);
          }
        }}
      />
    </IfCan>
  );
};
