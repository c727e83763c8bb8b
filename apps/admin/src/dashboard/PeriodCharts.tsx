import { Alert, Box, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useGetList } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { dataProvider } from '../dataProvider';
import { formatMicros, microsToChartDollars } from '../money';
import type { PayoutRun } from '../resources/payout-runs';

interface Paid {
  paidOutMicros: bigint;
  paidAuthors: number;
}

const PAGE = 10_000;

/**
 * What each run paid out: its statements whose payout was transferred (payout in whole
 * cents, summed exactly) and how many authors they are. Paged through the statements
 * list; see the report for the aggregate endpoint that would replace this.
 */
async function paidOf(runId: string): Promise<Paid> {
  let paidOutMicros = 0n;
  let paidAuthors = 0;
  for (let page = 1; ; page++) {
    const { data, total } = await dataProvider.getList('statements', {
      pagination: { page, perPage: PAGE },
      sort: { field: 'payoutCents', order: 'DESC' },
      filter: { runId, payoutState: 'transferred' },
    });
    for (const s of data) paidOutMicros += BigInt(String(s.payoutCents)) * 10_000n;
    paidAuthors = total ?? data.length;
    if (data.length < PAGE || page * PAGE >= paidAuthors) break;
  }
  return { paidOutMicros, paidAuthors };
}

const dollarsTick = (v: number) => (Math.abs(v) >= 1000 ? `$${(v / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })}k` : `$${v}`);

export default function PeriodCharts({ withStatements }: { withStatements: boolean }) {
  const { data: runs, isPending } = useGetList<PayoutRun>('payout-runs', {
    pagination: { page: 1, perPage: 12 },
    sort: { field: 'period', order: 'DESC' },
  });
  const [paid, setPaid] = useState<Record<string, Paid>>({});
  const [paidError, setPaidError] = useState<string | null>(null);

  const paidRunIds = useMemo(() => (runs ?? []).filter((r) => r.status === 'paid').map((r) => r.id), [runs]);
  useEffect(() => {
    if (!withStatements || paidRunIds.length === 0) return;
    let cancelled = false;
    Promise.all(paidRunIds.map(async (id) => [id, await paidOf(id)] as const)).then(
      (entries) => !cancelled && setPaid(Object.fromEntries(entries)),
      (e) => !cancelled && setPaidError(String(e?.message ?? e)),
    );
    return () => {
      cancelled = true;
    };
  }, [withStatements, paidRunIds]);

  const rows = useMemo(
    () =>
      [...(runs ?? [])].reverse().map((r) => ({
        period: r.period,
        pool: microsToChartDollars(r.poolMicros),
        allocated: microsToChartDollars(r.allocatedMicros),
        paidOut: paid[r.id] ? microsToChartDollars(paid[r.id].paidOutMicros.toString()) : 0,
        paidAuthors: paid[r.id]?.paidAuthors ?? 0,
        // exact strings for the tooltips
        status: r.status,
        text: {
          pool: formatMicros(r.poolMicros),
          allocated: formatMicros(r.allocatedMicros),
          paidOut: paid[r.id] ? formatMicros(paid[r.id].paidOutMicros) : r.status === 'paid' ? '…' : 'not paid yet',
          paidAuthors: paid[r.id] ? String(paid[r.id].paidAuthors) : r.status === 'paid' ? '…' : '—',
        } as Record<string, string>,
      })),
    [runs, paid],
  );

  if (isPending) return null;
  if (!runs?.length) return <Alert severity="info">No payout run yet: the charts appear after the first one.</Alert>;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }} data-testid="period-charts">
      <Card>
        <CardContent>
          <Typography variant="h6">Pool, allocated and paid out, last 12 periods</Typography>
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period" />
              <YAxis tickFormatter={dollarsTick} width={70} />
              <Tooltip formatter={(_v, name, item) => [(item.payload as { text: Record<string, string> }).text[String(item.dataKey)], name]} />
              <Legend />
              <Bar dataKey="pool" name="Pool" fill="#90caf9" isAnimationActive={false} />
              <Bar dataKey="allocated" name="Allocated" fill="#1976d2" isAnimationActive={false} />
              {withStatements ? <Bar dataKey="paidOut" name="Paid out" fill="#2e7d32" isAnimationActive={false} /> : null}
            </BarChart>
          </ResponsiveContainer>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">Paid authors per period</Typography>
          {withStatements ? (
            <ResponsiveContainer width="100%" height={280}>
              <LineChart data={rows}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="period" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Line type="monotone" dataKey="paidAuthors" name="Paid authors" stroke="#2e7d32" isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          ) : (
            <Typography color="text.secondary">Statements are for finance and support.</Typography>
          )}
          {paidError ? <Alert severity="warning">{paidError}</Alert> : null}
        </CardContent>
      </Card>
      <Card sx={{ gridColumn: '1 / -1' }}>
        <CardContent>
          <Typography variant="subtitle1">The exact amounts</Typography>
          <Table size="small" data-testid="period-table">
            <TableHead>
              <TableRow>
                <TableCell>Period</TableCell>
                <TableCell>Run</TableCell>
                <TableCell align="right">Pool</TableCell>
                <TableCell align="right">Allocated</TableCell>
                {withStatements ? <TableCell align="right">Paid out</TableCell> : null}
                {withStatements ? <TableCell align="right">Paid authors</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {[...rows].reverse().map((r) => (
                <TableRow key={r.period} data-testid={`period-${r.period}`}>
                  <TableCell>{r.period}</TableCell>
                  <TableCell>{r.status}</TableCell>
                  <TableCell align="right">{r.text.pool}</TableCell>
                  <TableCell align="right">{r.text.allocated}</TableCell>
                  {withStatements ? <TableCell align="right">{r.text.paidOut}</TableCell> : null}
                  {withStatements ? <TableCell align="right">{r.text.paidAuthors}</TableCell> : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  );
}
