import TaskAltIcon from '@mui/icons-material/TaskAlt';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useRecordContext } from 'react-admin';
import { PAYOUT_FAILURE_CODE_NAMES, PAYOUT_FAILURE_CODES } from '@libs/payouts/src/payout-failure-codes';
import {
  defaultPayoutOutcome,
  isFinalRun,
  PAYOUT_TRANSITIONS,
  RETURNED_PAYOUT_STATES,
  type PayoutState,
} from '@libs/payouts/src/payout-rules';
import { IfCan, errorMessage, useAction } from '../../components/actions';
import { StatusChip } from '../../components/fields';
import { dataProvider } from '../../dataProvider';
import { formatCents } from '../../money';
import { formatCount } from '../../numbers';
import type { PayoutRun, Statement } from '../../api';

/** A statement with a payout (the list asks for those only). */
type Payout = Pick<Statement, 'id' | 'authorId' | 'authorName' | 'payoutCents' | 'payoutFailureCode'> & {
  payoutState: NonNullable<Statement['payoutState']>;
};

interface Choice {
  state: PayoutState;
  failureCode: string;
  note: string;
}

const PER_PAGE = 25;
const isReturned = (s: PayoutState) => (RETURNED_PAYOUT_STATES as readonly string[]).includes(s);
const label = (s: string) => s.replace(/_/g, ' ');

/** The payouts of the run, a page at a time (statements with a payout: payable ones). */
function usePayouts(runId: string, open: boolean, page: number) {
  const [data, setData] = useState<{ rows: Payout[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    dataProvider
      .getList<Payout & { id: string }>('statements', {
        filter: { runId, status: 'payable' },
        pagination: { page: page + 1, perPage: PER_PAGE },
        sort: { field: 'authorId', order: 'ASC' },
      })
      .then((r) => live && setData({ rows: r.data.filter((p) => p.payoutState), total: r.total ?? r.data.length }))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [runId, open, page]);
  return { data, error };
}

/**
 * Mark paid as a table: one row per payout, its outcome chosen from the states it may move
 * to, a failure code (and an optional note) for failed or reversed ones. Rows left as they
 * are take mark-paid's default (a pending payout becomes transferred).
 */
export const MarkPaidButton = () => {
  const run = useRecordContext<PayoutRun>();
  const { run: act, pending } = useAction();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(0);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const { data, error } = usePayouts(String(run?.id ?? ''), open, page);
  const listed = useMemo(() => Object.entries(choices), [choices]);
  if (!run || !isFinalRun(run.status)) return null;
  const missingCode = listed.some(([, c]) => isReturned(c.state) && !c.failureCode);
  const set = (p: Payout, change: Partial<Choice>) =>
    setChoices((all) => {
      const next: Choice = { ...(all[p.id] ?? { state: defaultPayoutOutcome(p.payoutState), failureCode: '', note: '' }), ...change };
      const copy = { ...all, [p.id]: next };
      if (next.state === defaultPayoutOutcome(p.payoutState) && !next.failureCode && !next.note) delete copy[p.id];
      return copy;
    });
  const counts = listed.reduce<Record<string, number>>((a, [, c]) => ({ ...a, [c.state]: (a[c.state] ?? 0) + 1 }), {});
  return (
    <IfCan resource="payout-runs" action="mark-paid">
      <Button startIcon={<TaskAltIcon />} onClick={() => setOpen(true)}>
        {run.status === 'paid' ? 'Record payout changes' : 'Mark paid'}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="lg">
        <DialogTitle>Record the transfers of {run.period}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" gutterBottom>
            Every payout still pending becomes “transferred” unless you choose another state for it here. A failed or reversed payout needs
            its failure code; its amount returns to the writer’s balance in the next run.
          </Typography>
          {error ? <Alert severity="error">{error}</Alert> : null}
          <Table size="small" data-testid="mark-paid-table">
            <TableHead>
              <TableRow>
                <TableCell>Writer</TableCell>
                <TableCell align="right">Payout</TableCell>
                <TableCell>Now</TableCell>
                <TableCell>Becomes</TableCell>
                <TableCell>Failure code</TableCell>
                <TableCell>Note</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(data?.rows ?? []).map((p) => {
                const c = choices[p.id];
                const state = c?.state ?? defaultPayoutOutcome(p.payoutState);
                const options = [...new Set([defaultPayoutOutcome(p.payoutState), p.payoutState, ...PAYOUT_TRANSITIONS[p.payoutState]])];
                return (
                  <TableRow key={p.id} data-testid={`payout-${p.authorId}`}>
                    <TableCell>
                      {p.authorName} ({p.authorId})
                    </TableCell>
                    <TableCell align="right">{formatCents(p.payoutCents)}</TableCell>
                    <TableCell>
                      <StatusChip value={p.payoutState} />
                    </TableCell>
                    <TableCell>
                      <TextField
                        select
                        size="small"
                        value={state}
                        label="New state"
                        onChange={(e) => set(p, { state: e.target.value as PayoutState })}
                      >
                        {options.map((s) => (
                          <MenuItem key={s} value={s}>
                            {label(s)}
                          </MenuItem>
                        ))}
                      </TextField>
                    </TableCell>
                    <TableCell>
                      {isReturned(state) ? (
                        <TextField
                          select
                          size="small"
                          required
                          sx={{ minWidth: 220 }}
                          value={c?.failureCode ?? ''}
                          error={!c?.failureCode}
                          label="Failure code"
                          onChange={(e) => set(p, { failureCode: e.target.value })}
                        >
                          {PAYOUT_FAILURE_CODE_NAMES.map((code) => (
                            <MenuItem key={code} value={code} title={PAYOUT_FAILURE_CODES[code].meaning}>
                              {label(code)}
                            </MenuItem>
                          ))}
                        </TextField>
                      ) : (
                        (p.payoutFailureCode ?? '')
                      )}
                    </TableCell>
                    <TableCell>
                      {isReturned(state) ? (
                        <TextField
                          size="small"
                          value={c?.note ?? ''}
                          label="Note"
                          slotProps={{ htmlInput: { maxLength: 2000 } }}
                          onChange={(e) => set(p, { note: e.target.value })}
                        />
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={data?.total ?? 0}
            page={page}
            rowsPerPage={PER_PAGE}
            rowsPerPageOptions={[PER_PAGE]}
            onPageChange={(_, p) => setPage(p)}
          />
          <ChoiceSummary counts={counts} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant="contained"
            disabled={pending || missingCode}
            onClick={async () => {
              const payouts = listed.map(([statementId, c]) => ({
                statementId,
                state: c.state,
                ...(isReturned(c.state) && c.failureCode ? { failureCode: c.failureCode } : {}),
                ...(isReturned(c.state) && c.note.trim() ? { note: c.note.trim() } : {}),
              }));
              const done = await act(
                (dp) => dp.act('payout-runs', run.id, 'mark-paid', payouts.length ? { payouts } : {}),
                `Run ${run.period} marked paid`,
              );
              if (done) {
                setChoices({});
                setOpen(false);
              }
            }}
          >
            {run.status === 'paid' ? 'Record' : 'Mark paid'}
          </Button>
        </DialogActions>
      </Dialog>
    </IfCan>
  );
};

/** What the table's choices do, under it. */
function ChoiceSummary({ counts }: { counts: Record<string, number> }) {
  const parts = Object.entries(counts).map(([s, n]) => `${formatCount(n)} ${label(s)}`);
  return (
    <Typography variant="body2" data-testid="mark-paid-summary">
      {parts.length
        ? `Chosen for ${parts.join(', ')}; every other pending payout becomes transferred.`
        : 'Every pending payout becomes transferred.'}
    </Typography>
  );
}
