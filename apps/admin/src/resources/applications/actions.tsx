import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import RefreshIcon from '@mui/icons-material/Refresh';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, List as MuiList, ListItem, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useListContext, useRecordContext, useUnselectAll } from 'react-admin';
import { IfCan, ReasonDialog, useAction } from '../../components/actions';
import type { BulkApproveResult } from '../../dataProvider';
import { CHECK_REJECT_REASON, REJECT_REASONS, type Application } from './constants';

export const ApproveButton = () => {
  const record = useRecordContext<Application>();
  const { run, pending } = useAction();
  if (!record || record.status !== 'pending') return null;
  const failing = record.failingChecks ?? [];
  const blocked = record.checks === null || failing.length > 0;
  return (
    <IfCan resource="applications" action="approve">
      <Tooltip title={blocked ? (record.checks ? `Fails: ${failing.join(', ')}` : 'Not evaluated yet') : 'All four checks pass'}>
        <span>
          <Button
            variant="contained"
            color="success"
            startIcon={<CheckIcon />}
            disabled={blocked || pending}
            onClick={() => run((dp) => dp.act('applications', record.id, 'approve'), `Application ${record.id} approved: ${record.memberName ?? record.memberId} is a partner`)}
          >
            Approve
          </Button>
        </span>
      </Tooltip>
    </IfCan>
  );
};

export const RejectButton = () => {
  const record = useRecordContext<Application>();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  if (!record || record.status !== 'pending') return null;
  const suggested = record.failingChecks?.length ? CHECK_REJECT_REASON[record.failingChecks[0]] : 'policy';
  return (
    <IfCan resource="applications" action="reject">
      <Button color="error" variant="outlined" startIcon={<CloseIcon />} onClick={() => setOpen(true)}>
        Reject
      </Button>
      <ReasonDialog
        open={open}
        title={`Reject application ${record.id}`}
        confirmLabel="Reject"
        pending={pending}
        fields={[
          { name: 'reason', label: 'Reason', choices: REJECT_REASONS, required: true, initial: suggested },
          { name: 'note', label: 'Note to the record', required: true, multiline: true },
        ]}
        onClose={() => setOpen(false)}
        onConfirm={async (v) => {
          const done = await run((dp) => dp.act('applications', record.id, 'reject', { reason: v.reason, note: v.note }), `Application ${record.id} rejected`);
          if (done) setOpen(false);
        }}
      />
    </IfCan>
  );
};

export const RecheckButton = () => {
  const record = useRecordContext<Application>();
  const { run, pending } = useAction();
  if (!record || record.status !== 'pending') return null;
  return (
    <IfCan resource="applications" action="recheck">
      <Button startIcon={<RefreshIcon />} disabled={pending} onClick={() => run((dp) => dp.act('applications', record.id, 'recheck'), 'Checks evaluated again')}>
        Re-check
      </Button>
    </IfCan>
  );
};

const BulkResultDialog = ({ result, onClose }: { result: BulkApproveResult | null; onClose: () => void }) => (
  <Dialog open={result !== null} onClose={onClose} maxWidth="sm" fullWidth>
    <DialogTitle>Bulk approval</DialogTitle>
    <DialogContent>
      {result ? (
        <>
          <Alert severity={result.approvedCount ? 'success' : 'info'} sx={{ mb: 2 }} data-testid="bulk-result">
            {result.approvedCount} approved, {result.skippedCount} skipped of {result.matched} matching
          </Alert>
          {result.skipped.length ? (
            <>
              <Typography variant="subtitle2">Skipped</Typography>
              <MuiList dense>
                {result.skipped.slice(0, 50).map((s) => (
                  <ListItem key={s.id}>
                    {s.id}: {s.reason?.replace(/_/g, ' ')}
                    {s.failingChecks?.length ? ` (${s.failingChecks.join(', ')})` : ''}
                    {s.reason === 'not_pending' ? ` (${s.status})` : ''}
                  </ListItem>
                ))}
              </MuiList>
              {result.skipped.length > 50 ? <Typography variant="body2">…and {result.skipped.length - 50} more</Typography> : null}
            </>
          ) : null}
        </>
      ) : null}
    </DialogContent>
    <DialogActions>
      <Button onClick={onClose}>Close</Button>
    </DialogActions>
  </Dialog>
);

/** Approves every application in the current filtered view whose four checks pass (the server re-evaluates them). */
export const BulkApproveFilteredButton = () => {
  const { filterValues, total } = useListContext();
  const { run, pending } = useAction();
  const [confirm, setConfirm] = useState(false);
  const [result, setResult] = useState<BulkApproveResult | null>(null);
  return (
    <IfCan resource="applications" action="bulk-approve">
      <Button size="small" startIcon={<DoneAllIcon />} onClick={() => setConfirm(true)} disabled={pending || !total}>
        Approve all passing
      </Button>
      <Dialog open={confirm} onClose={() => setConfirm(false)}>
        <DialogTitle>Approve all passing applications in this view?</DialogTitle>
        <DialogContent>
          <Typography>
            Every pending application matching the current filters ({total ?? 0} shown) whose four checks pass when re-evaluated now is
            approved; the others are skipped and listed.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(false)}>Cancel</Button>
          <Button
            variant="contained"
            disabled={pending}
            onClick={async () => {
              const r = await run((dp) => dp.bulkApproveApplications(filterValues));
              setConfirm(false);
              if (r) setResult(r.data);
            }}
          >
            Approve
          </Button>
        </DialogActions>
      </Dialog>
      <BulkResultDialog result={result} onClose={() => setResult(null)} />
    </IfCan>
  );
};

/** Bulk action on the selected rows: approve those that pass (the result is a notice: the toolbar goes away with the selection). */
export const BulkApproveSelectedButton = () => {
  const { selectedIds } = useListContext();
  const unselectAll = useUnselectAll('applications');
  const { run, pending } = useAction();
  return (
    <Button
      size="small"
      startIcon={<DoneAllIcon />}
      disabled={pending}
      onClick={async () => {
        const r = await run(
          (dp) => dp.bulkApproveApplications({ id: selectedIds }),
          ({ data }) =>
            `${data.approvedCount} approved, ${data.skippedCount} skipped` +
            (data.skipped.length ? ` (${data.skipped.map((s) => `${s.id}: ${s.reason?.replace(/_/g, ' ')}`).join('; ')})` : ''),
        );
        if (r) unselectAll();
      }}
    >
      Approve selected
    </Button>
  );
};
