import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Alert, Box, Button, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable, List, Title, useCanAccess } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { INTEGRITY_CHECK_LABELS } from '@libs/ledger/src/integrity-checks';
import type { IntegrityRun, LatestIntegrityRun } from '../../api';
import { useAction } from '../../components/actions';
import { RequireAccess } from '../../components/RequireAccess';
import { humanize } from '../../components/fields';
import { dataProvider } from '../../dataProvider';
import { formatUtc } from '../../dates';

export type { IntegrityRun };

export const checkLabel = (check: string) => (INTEGRITY_CHECK_LABELS as Record<string, string>)[check] ?? humanize(check);

/** The latest stored run of the checks (null before the first), refreshed every minute. */
export const useLatestIntegrityRun = (enabled = true) =>
  useQuery({
    queryKey: ['ledger-integrity-runs', 'latest'],
    queryFn: async () => (await dataProvider.fetchJson<LatestIntegrityRun>('ledger-integrity-runs/latest')).data.run,
    enabled,
    refetchInterval: 60_000,
  });

/** A list of ids shown whole up to ten, then "… and N more" (a group of a whole run has thousands of entries). */
const SHOWN_IDS = 10;
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v))
    return v.length > SHOWN_IDS ? `${v.slice(0, SHOWN_IDS).join(', ')} … and ${v.length - SHOWN_IDS} more` : v.join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** What a failed check names, as a table of its fields (entry ids, authors, statements, runs, amounts in µ$). */
export const Offending = ({ rows }: { rows: Record<string, unknown>[] }) => {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <Table size="small" data-testid="offending">
      <TableHead>
        <TableRow>
          {keys.map((k) => (
            <TableCell key={k}>{humanize(k)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={i}>
            {keys.map((k) => (
              <TableCell key={k} sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                {cellText(r[k])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** One run: every check with pass/fail, and for a failed one what it names. */
export const IntegrityRunDetail = ({ run }: { run: IntegrityRun }) => (
  <Box data-testid="integrity-run">
    <Alert severity={run.ok ? 'success' : 'error'} sx={{ mb: 2 }} data-testid="integrity-status">
      {run.ok ? 'Every check held' : `${run.checks.filter((c) => !c.ok).length} check(s) failed`} — checked {formatUtc(run.checkedAt)} (
      {run.trigger === 'schedule' ? 'daily schedule' : `run by ${run.requestedByEmail ?? 'staff'}`})
    </Alert>
    {run.checks.map((c) => {
      const offending = run.failures.find((f) => f.check === c.check)?.offending ?? [];
      return (
        <Box key={c.check} sx={{ mb: 2 }} data-testid={`check-${c.check}`}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Chip size="small" color={c.ok ? 'success' : 'error'} label={c.ok ? 'pass' : 'fail'} />
            <Typography variant="body1">{checkLabel(c.check)}</Typography>
            {!c.ok ? (
              <Typography variant="body2" color="text.secondary">
                ({c.offendingCount >= 50 ? 'the first 50' : c.offendingCount} named)
              </Typography>
            ) : null}
          </Box>
          {!c.ok && offending.length > 0 ? <Offending rows={offending} /> : null}
        </Box>
      );
    })}
  </Box>
);

/** The "Ledger integrity" page: the latest (or a chosen) run of the checks, "run checks now", and the runs before. */
export const IntegrityPage = () => {
  const [params, setParams] = useSearchParams();
  const chosen = params.get('run');
  const latest = useLatestIntegrityRun();
  const picked = useQuery({
    queryKey: ['ledger-integrity-runs', chosen],
    queryFn: async () => (await dataProvider.getOne<IntegrityRun>('ledger-integrity-runs', { id: chosen! })).data,
    enabled: !!chosen,
  });
  const { canAccess: canRun } = useCanAccess({ resource: 'ledger-integrity', action: 'run' });
  const { run, pending } = useAction();
  const queryClient = useQueryClient();
  const shown = chosen ? picked.data : latest.data;
  const runNow = async () => {
    const done = await run(
      (dp) => dp.create<IntegrityRun>('ledger-integrity-runs', { data: {} }),
      (r) => (r.data.ok ? 'Every check held' : 'A check failed: see the offending entries'),
    );
    if (done) {
      setParams({});
      await queryClient.invalidateQueries({ queryKey: ['ledger-integrity-runs'] });
    }
  };
  return (
    <RequireAccess resource="ledger-integrity" action="show">
      <Title title="Ledger integrity" />
      <Card sx={{ mt: 1 }}>
        <CardContent>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2 }}>
            <Typography variant="h6" sx={{ flex: 1 }}>
              {chosen ? `Run ${chosen}` : 'Latest run of the checks'}
            </Typography>
            {chosen ? <Button onClick={() => setParams({})}>Show the latest</Button> : null}
            {canRun ? (
              <Button variant="contained" startIcon={<PlayArrowIcon />} disabled={pending} onClick={runNow} data-testid="run-checks-now">
                Run checks now
              </Button>
            ) : null}
          </Box>
          {shown ? (
            <IntegrityRunDetail run={shown} />
          ) : latest.isPending || picked.isFetching ? null : (
            <Typography color="text.secondary">No run of the checks yet: they run daily at 03:00 UTC, or now with the button.</Typography>
          )}
        </CardContent>
      </Card>
      <Typography variant="h6" sx={{ mt: 2 }}>
        Earlier runs
      </Typography>
      <List
        resource="ledger-integrity-runs"
        sort={{ field: 'checkedAt', order: 'DESC' }}
        disableSyncWithLocation
        perPage={10}
        actions={false}
        title={false}
        exporter={false}
      >
        <DataTable
          bulkActionButtons={false}
          rowClick={(id) => {
            setParams({ run: String(id) });
            return false;
          }}
        >
          <DataTable.Col source="checkedAt" label="Checked" render={(r: IntegrityRun) => formatUtc(r.checkedAt)} />
          <DataTable.Col
            source="ok"
            label="Outcome"
            render={(r: IntegrityRun) => <Chip size="small" color={r.ok ? 'success' : 'error'} label={r.ok ? 'pass' : 'fail'} />}
          />
          <DataTable.Col
            source="trigger"
            render={(r: IntegrityRun) => (r.trigger === 'schedule' ? 'schedule' : (r.requestedByEmail ?? 'manual'))}
          />
          <DataTable.Col
            label="Failed checks"
            disableSort
            render={(r: IntegrityRun) =>
              r.checks
                .filter((c) => !c.ok)
                .map((c) => humanize(c.check))
                .join(', ') || '—'
            }
          />
        </DataTable>
      </List>
    </RequireAccess>
  );
};
