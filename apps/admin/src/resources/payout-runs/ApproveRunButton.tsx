import VerifiedIcon from '@mui/icons-material/Verified';
import { Button, Table, TableBody, TableCell, TableRow, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useGetIdentity, useRecordContext } from 'react-admin';
import { STATEMENT_STATUSES } from '@libs/payouts/src/payout-rules';
import { IfCan, useAction } from '../../components/actions';
import { dataProvider } from '../../dataProvider';
import { formatCents, formatMicros } from '../../money';
import { formatCount } from '../../numbers';
import { ConfirmDialog } from '../../review-queue/dialogs';
import type { PayoutRunDetail } from '../../api';
import { ApprovalWarnings } from './ApprovalWarnings';

const STATUS_WORDS: Record<string, string> = {
  payable: 'paid out (pending transfer)',
  below_threshold: 'below the minimum payout: carried to next month',
  payout_account_not_ready: 'payout account not ready: carried',
  forfeited: 'forfeited (left the program too long ago)',
};

/** How many statements of the run have each status (list totals, one request each). */
function useStatusCounts(runId: string, open: boolean) {
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setCounts(null);
    Promise.all(
      STATEMENT_STATUSES.map(async (status) => {
        const { total } = await dataProvider.getList('statements', {
          filter: { runId, status },
          pagination: { page: 1, perPage: 1 },
          sort: { field: 'status', order: 'ASC' },
        });
        return [status, total ?? 0] as const;
      }),
    ).then(
      (pairs) => live && setCounts(Object.fromEntries(pairs)),
      () => live && setCounts({}),
    );
    return () => {
      live = false;
    };
  }, [runId, open]);
  return counts;
}

/**
 * Approving a run moves money: a confirmation first, saying what will change (the total paid
 * out, how many payouts, what happens to the other statements). No undo: approval writes the
 * ledger and freezes the period (docs/decisions.md "Forms").
 */
export const ApproveRunButton = () => {
  const run = useRecordContext<PayoutRunDetail>();
  const { identity } = useGetIdentity();
  const { run: act, pending } = useAction();
  const [open, setOpen] = useState(false);
  const counts = useStatusCounts(run?.id ?? '', open);
  if (!run || run.status !== 'computed') return null;
  const own = identity?.id === run.startedBy;
  const total = formatCents(run.paidOutCents);
  const warned = (run.approvalWarnings ?? []).length > 0;
  return (
    <IfCan resource="payout-runs" action="approve">
      <Tooltip
        title={
          own
            ? 'Four eyes: someone other than the person who started the run approves it'
            : warned
              ? 'Read the warnings first: approving anyway is allowed'
              : 'Freezes the results and queues the payouts'
        }
      >
        <span>
          <Button
            variant="contained"
            color={warned ? 'warning' : 'primary'}
            startIcon={<VerifiedIcon />}
            disabled={own || pending}
            onClick={() => setOpen(true)}
          >
            Approve…
          </Button>
        </span>
      </Tooltip>
      <ConfirmDialog
        open={open}
        title={`Approve the payout run of ${run.period}: ${total} to ${formatCount(run.paidAuthors)} writers?`}
        confirmLabel={warned ? `Approve ${total} anyway` : `Approve ${total}`}
        color="success"
        pending={pending}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          await act(
            (dp) => dp.act('payout-runs', run.id, 'approve'),
            `Payout run ${run.period} approved: ${total} to ${formatCount(run.paidAuthors)} writers queued for transfer`,
          );
          setOpen(false);
        }}
      >
        <ApprovalWarnings warnings={run.approvalWarnings ?? []} period={run.period} inDialog />
        <div data-testid="approve-run-changes">
          <Typography gutterBottom>What changes when you approve:</Typography>
          <Table size="small">
            <TableBody>
              <TableRow>
                <TableCell>Paid out</TableCell>
                <TableCell align="right" data-testid="approve-run-total">
                  {total}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell>Payouts (writers)</TableCell>
                <TableCell align="right">{formatCount(run.paidAuthors)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>Pool of the month</TableCell>
                <TableCell align="right">{formatMicros(run.poolMicros)}</TableCell>
              </TableRow>
              {STATEMENT_STATUSES.map((s) => (
                <TableRow key={s}>
                  <TableCell>Statements {STATUS_WORDS[s] ?? s.replace(/_/g, ' ')}</TableCell>
                  <TableCell align="right">{counts ? formatCount(counts[s] ?? 0) : '…'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Run {run.period}: computed → approved. The results are frozen (no recompute), adjustments for {run.period} are refused, and the
            payouts can be sent. Approval cannot be undone.
          </Typography>
        </div>
      </ConfirmDialog>
    </IfCan>
  );
};
