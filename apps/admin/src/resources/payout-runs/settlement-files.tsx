import {
  Alert,
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
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { SettlementFileDetail, StoredFile } from '../../api';
import { errorMessage } from '../../components/actions';
import { StatusChip } from '../../components/fields';
import { formatUtc } from '../../dates';
import { dataProvider } from '../../dataProvider';
import { formatMicros } from '../../money';
import { formatCount } from '../../numbers';
import { CLASS_COLORS, CLASS_LABELS } from './settlement-classes';

type Opened = SettlementFileDetail;

/** The settlement files applied to the run; each opens its lines as they were classified when applied. */
export const AppliedFiles = ({ runId, files }: { runId: string; files: StoredFile[] }) => {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!files.length) return null;
  const open = async (f: StoredFile) => {
    setError(null);
    try {
      setOpened((await dataProvider.fetchJson<Opened>(`payout-runs/${runId}/settlements/${f.id}`)).data);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <Typography variant="h6" sx={{ mt: 3 }}>
        Settlement files applied
      </Typography>
      {error ? <Alert severity="error">{error}</Alert> : null}
      <Table size="small" sx={{ maxWidth: 900 }} data-testid="settlement-files">
        <TableBody>
          {files.map((f) => (
            <TableRow key={f.id}>
              <TableCell>{formatUtc(f.appliedAt)}</TableCell>
              <TableCell>{f.fileName ?? '—'}</TableCell>
              <TableCell>{f.appliedByEmail ?? '—'}</TableCell>
              <TableCell align="right">{formatCount(f.lineCount)} lines</TableCell>
              <TableCell align="right">
                {formatCount(f.appliedCount)} moved, {formatMicros(f.appliedMicros)}
              </TableCell>
              <TableCell>
                <Button size="small" onClick={() => void open(f)}>
                  Lines
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={!!opened} onClose={() => setOpened(null)} fullWidth maxWidth="lg">
        <DialogTitle>
          {opened?.fileName ?? 'Settlement file'}, applied {opened ? formatUtc(opened.appliedAt) : ''}
        </DialogTitle>
        <DialogContent>
          <Table size="small" data-testid="settlement-file-lines">
            <TableHead>
              <TableRow>
                <TableCell align="right">Line</TableCell>
                <TableCell>Reference</TableCell>
                <TableCell>Writer</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Amount</TableCell>
                <TableCell>Date</TableCell>
                <TableCell>Result</TableCell>
                <TableCell>Change</TableCell>
                <TableCell>Failure code</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(opened?.lines ?? []).map((l) => (
                <TableRow key={l.line}>
                  <TableCell align="right">{l.line}</TableCell>
                  <TableCell sx={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }} title={l.reference}>
                    {l.reference}
                  </TableCell>
                  <TableCell>{l.authorId ?? '—'}</TableCell>
                  <TableCell>{l.status}</TableCell>
                  <TableCell align="right">{formatMicros(l.amountMicros)}</TableCell>
                  <TableCell>{l.date}</TableCell>
                  <TableCell>
                    <Chip size="small" label={CLASS_LABELS[l.class]} color={CLASS_COLORS[l.class]} />
                  </TableCell>
                  <TableCell>
                    {l.toState ? (
                      <>
                        <StatusChip value={l.fromState} /> → <StatusChip value={l.toState} />
                      </>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>{l.failureCode ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {opened?.linesTruncated ? <Typography variant="body2">Only the first {opened.lines.length} lines are listed.</Typography> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpened(null)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
