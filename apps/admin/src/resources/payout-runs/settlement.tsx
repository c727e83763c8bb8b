import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { SETTLEMENT_LINE_CLASSES } from '@libs/payouts/src/settlement-rules';
import { errorMessage } from '../../components/actions';
import { StatusChip } from '../../components/fields';
import { formatUtc } from '../../dates';
import { dataProvider } from '../../dataProvider';
import { formatMicros } from '../../money';
import { formatCount } from '../../numbers';
import type { PayoutRun } from './index';
import { CLASS_COLORS, CLASS_LABELS } from './settlement-classes';
import type { SettlementPreview as Preview, StoredFile } from '../../api';
import { AppliedFiles } from './settlement-files';

/** The 400's problems ("line 3, column amount: …"), each on its own line. */
function problemsOf(e: unknown): string[] {
  const details = (e as { body?: { details?: { line?: number; column?: string | null; message: string }[] } }).body?.details;
  if (!Array.isArray(details) || !details.every((d) => typeof d.line === 'number')) return [errorMessage(e)];
  return details.map((d) => `Line ${d.line}${d.column ? `, column ${d.column}` : ''}: ${d.message}`);
}

const Counts = ({ preview }: { preview: Preview }) => (
  <Table size="small" sx={{ maxWidth: 560, mb: 2 }} data-testid="settlement-counts">
    <TableHead>
      <TableRow>
        <TableCell>Lines</TableCell>
        <TableCell align="right">Count</TableCell>
        <TableCell align="right">Amount in the file</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {SETTLEMENT_LINE_CLASSES.map((c) => (
        <TableRow key={c} data-testid={`count-${c}`}>
          <TableCell>
            <Chip size="small" label={CLASS_LABELS[c]} color={CLASS_COLORS[c]} />
          </TableCell>
          <TableCell align="right">{formatCount(preview.classes[c].lines)}</TableCell>
          <TableCell align="right">{formatMicros(preview.classes[c].amountMicros)}</TableCell>
        </TableRow>
      ))}
      <TableRow data-testid="count-missing">
        <TableCell>Payouts of the run missing from the file ({formatCount(preview.missing.pending)} still pending)</TableCell>
        <TableCell align="right">{formatCount(preview.missing.payouts)}</TableCell>
        <TableCell align="right">{formatMicros(preview.missing.amountMicros)}</TableCell>
      </TableRow>
    </TableBody>
  </Table>
);

const Lines = ({ preview }: { preview: Preview }) => (
  <Table size="small" data-testid="settlement-lines">
    <TableHead>
      <TableRow>
        <TableCell align="right">Line</TableCell>
        <TableCell>Reference</TableCell>
        <TableCell>Writer</TableCell>
        <TableCell>Status</TableCell>
        <TableCell align="right">Amount</TableCell>
        <TableCell align="right">Payout</TableCell>
        <TableCell>Result</TableCell>
        <TableCell>State</TableCell>
        <TableCell>Failure: tell the writer</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {preview.lines.map((l) => (
        <TableRow key={l.line} data-testid={`line-${l.line}`}>
          <TableCell align="right">{l.line}</TableCell>
          <TableCell sx={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }} title={l.reference}>
            {l.reference}
          </TableCell>
          <TableCell>{l.authorId ?? '—'}</TableCell>
          <TableCell>{l.status}</TableCell>
          <TableCell align="right">{formatMicros(l.amountMicros)}</TableCell>
          <TableCell align="right">{formatMicros(l.expectedMicros)}</TableCell>
          <TableCell>
            <Tooltip title={l.reason ?? ''}>
              <Chip size="small" label={CLASS_LABELS[l.class]} color={CLASS_COLORS[l.class]} data-class={l.class} />
            </Tooltip>
          </TableCell>
          <TableCell>
            <StatusChip value={l.currentState} />
            {l.newState ? (
              <>
                {' → '}
                <StatusChip value={l.newState} />
              </>
            ) : null}
          </TableCell>
          <TableCell sx={{ maxWidth: 360 }}>
            {l.failureCode ? (
              <Tooltip title={l.failure?.meaning ?? ''}>
                <span>
                  <strong>{l.failureCode}</strong>: {l.failure?.tellWriter}
                </span>
              </Tooltip>
            ) : null}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/**
 * Reconciliation with the processor: finance chooses the settlement file, sees every line
 * classified against the run (nothing is written), then applies it after a confirmation
 * with the counts and amounts. The same file applied again changes nothing.
 */
export const SettlementTab = ({ run }: { run: PayoutRun }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [files, setFiles] = useState<StoredFile[]>([]);
  const [showMissing, setShowMissing] = useState(false);
  const loadFiles = useCallback(
    () =>
      dataProvider
        .fetchJson<StoredFile[]>(`payout-runs/${run.id}/settlements`)
        .then((r) => setFiles(r.data))
        .catch(() => setFiles([])),
    [run.id],
  );
  useEffect(() => void loadFiles(), [loadFiles]);

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    const content = await chosen.text();
    setFile({ name: chosen.name, content });
    setPreview(null);
    setProblems([]);
    setBusy(true);
    try {
      const { data } = await dataProvider.act('payout-runs', run.id, 'settlement-preview', { content });
      setPreview(data as unknown as Preview);
    } catch (e) {
      setProblems(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const { data } = await dataProvider.act('payout-runs', run.id, 'settlement', { content: file.content, fileName: file.name });
      const result = data as unknown as Preview;
      setPreview(result);
      setConfirm(false);
      notify(
        result.applied
          ? `Settlement applied: ${formatCount(result.applied.payouts)} payouts moved (${formatMicros(result.applied.amountMicros)})`
          : 'This file was applied before: nothing changed',
        { type: result.applied ? 'success' : 'info' },
      );
      await loadFiles();
      refresh();
    } catch (e) {
      setProblems(problemsOf(e));
      setConfirm(false);
    } finally {
      setBusy(false);
    }
  };

  const changes = preview ? Object.entries(preview.changes) : [];
  const notApplied = preview ? preview.lineCount - preview.classes.matched.lines : 0;
  return (
    <Box data-testid="settlement">
      <Typography variant="body2" gutterBottom>
        The processor’s settlement file for {run.period}: CSV with the columns reference (statement id or writer id), status (paid, failed,
        returned), amount (dollars), date (YYYY-MM-DD) and failure_code. Nothing changes until you apply it.
      </Typography>
      <Button component="label" variant="outlined" startIcon={<UploadFileIcon />} disabled={busy} sx={{ my: 1 }}>
        Choose settlement file
        <input
          hidden
          type="file"
          accept=".csv,text/csv"
          data-testid="settlement-file"
          onChange={(e) => {
            void choose(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </Button>
      {file ? <Typography variant="body2">File: {file.name}</Typography> : null}
      {problems.length ? (
        <Alert severity="error" sx={{ my: 1 }} data-testid="settlement-problems">
          The file cannot be used:
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      ) : null}
      {preview ? (
        <Box sx={{ mt: 2 }}>
          {preview.alreadyApplied ? (
            <Alert severity="info" sx={{ mb: 2 }} data-testid="settlement-already-applied">
              This file was applied on {formatUtc(preview.alreadyApplied.appliedAt)} by {preview.alreadyApplied.appliedByEmail ?? '—'}:
              applying it again changes nothing.
            </Alert>
          ) : null}
          {preview.applied ? (
            <Alert severity="success" sx={{ mb: 2 }} data-testid="settlement-applied">
              Applied: {formatCount(preview.applied.payouts)} payouts moved ({formatMicros(preview.applied.amountMicros)}).
            </Alert>
          ) : null}
          <Counts preview={preview} />
          <Button
            variant="contained"
            disabled={busy || !!preview.alreadyApplied || !!preview.applied}
            onClick={() => setConfirm(true)}
            sx={{ mb: 2 }}
          >
            Apply the settlement
          </Button>
          <Lines preview={preview} />
          {preview.linesTruncated ? <Typography variant="body2">Only the first {preview.lines.length} lines are listed.</Typography> : null}
          {preview.missingPayouts.length ? (
            <>
              <Button sx={{ mt: 2 }} onClick={() => setShowMissing((v) => !v)}>
                {showMissing ? 'Hide' : 'Show'} the {formatCount(preview.missing.payouts)} payouts missing from the file
              </Button>
            </>
          ) : null}
          {showMissing && preview.missingPayouts.length ? (
            <>
              <Table size="small" sx={{ maxWidth: 720 }} data-testid="settlement-missing">
                <TableBody>
                  {preview.missingPayouts.map((p) => (
                    <TableRow key={p.statementId}>
                      <TableCell>{p.authorId}</TableCell>
                      <TableCell>
                        <StatusChip value={p.state} />
                      </TableCell>
                      <TableCell align="right">{formatMicros(p.amountMicros)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {preview.missingTruncated ? (
                <Typography variant="body2">Only the first {preview.missingPayouts.length} are listed.</Typography>
              ) : null}
            </>
          ) : null}
        </Box>
      ) : null}
      <Dialog open={confirm} onClose={() => setConfirm(false)}>
        <DialogTitle>Apply the settlement of {run.period}?</DialogTitle>
        <DialogContent data-testid="settlement-confirmation">
          {changes.length ? (
            changes.map(([state, c]) => (
              <Typography key={state}>
                {formatCount(c.payouts)} {c.payouts === 1 ? 'payout becomes' : 'payouts become'} {state.replace(/_/g, ' ')}:{' '}
                {formatMicros(c.amountMicros)}
              </Typography>
            ))
          ) : (
            <Typography>No payout changes: every line is applied already or cannot be applied.</Typography>
          )}
          <Typography sx={{ mt: 1 }}>
            {formatCount(notApplied)} {notApplied === 1 ? 'line is' : 'lines are'} not applied; {formatCount(preview?.missing.payouts ?? 0)}{' '}
            payouts missing from the file stay as they are. The file is kept with the run.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(false)}>Cancel</Button>
          <Button variant="contained" disabled={busy} onClick={() => void apply()}>
            Apply
          </Button>
        </DialogActions>
      </Dialog>
      <AppliedFiles runId={String(run.id)} files={files} />
    </Box>
  );
};
