import { Alert, Box, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { centsToChartDollars, formatCents, formatMicros, microsToChartDollars } from '../money';
import { formatCount } from '../numbers';
import type { PayoutRun } from '../resources/payout-runs';

const dollarsTick = (v: number) =>
  Math.abs(v) >= 1000 ? `$${(v / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })}k` : `$${v}`;

/** A tooltip line: the exact text of the value (not the chart's float). */
const exactText = (_v: unknown, name: unknown, item: { payload?: unknown; dataKey?: unknown }) =>
  [(item.payload as { text: Record<string, string> }).text[String(item.dataKey)], name] as [string, string];

/**
 * The last 12 periods in one request: each run carries its totals, and what it paid out
 * (`paidOutCents`, its payouts pending or transferred) and to how many authors (`paidAuthors`).
 * Paid out is shown for paid runs only.
 */
export default function PeriodCharts() {
  const { data: runs, isPending } = useGetList<PayoutRun>('payout-runs', {
    pagination: { page: 1, perPage: 12 },
    sort: { field: 'period', order: 'DESC' },
  });

  const rows = useMemo(
    () =>
      [...(runs ?? [])].reverse().map((r) => {
        // Paid runs: what was paid and to how many. An approved run's payouts are waiting to be
        // marked paid: shown as such, never as 0 paid. Earlier states have no payouts yet (no point).
        const paid = r.status === 'paid';
        const waiting = r.status === 'approved';
        return {
          period: r.period,
          pool: microsToChartDollars(r.poolMicros),
          allocated: microsToChartDollars(r.allocatedMicros),
          paidOut: paid ? centsToChartDollars(r.paidOutCents) : null,
          toPay: waiting ? centsToChartDollars(r.paidOutCents) : null,
          paidAuthors: paid ? r.paidAuthors : null,
          authorsToPay: waiting ? r.paidAuthors : null,
          // exact strings for the tooltips
          status: r.status,
          text: {
            pool: formatMicros(r.poolMicros),
            allocated: formatMicros(r.allocatedMicros),
            paidOut: paid
              ? formatCents(r.paidOutCents)
              : waiting
                ? `${formatCents(r.paidOutCents)} waiting to be marked paid`
                : 'not paid yet',
            toPay: formatCents(r.paidOutCents),
            paidAuthors: paid ? formatCount(r.paidAuthors) : waiting ? `${formatCount(r.paidAuthors)} waiting to be marked paid` : '—',
            authorsToPay: formatCount(r.paidAuthors),
          } as Record<string, string>,
        };
      }),
    [runs],
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
              <Tooltip formatter={exactText} />
              <Legend />
              <Bar dataKey="pool" name="Pool" fill="#90caf9" isAnimationActive={false} />
              <Bar dataKey="allocated" name="Allocated" fill="#1976d2" isAnimationActive={false} />
              <Bar dataKey="paidOut" name="Paid out" fill="#2e7d32" isAnimationActive={false} />
              <Bar dataKey="toPay" name="Approved, waiting to be marked paid" fill="#ed6c02" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6">Paid authors per period</Typography>
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period" />
              <YAxis allowDecimals={false} />
              <Tooltip formatter={exactText} />
              <Legend />
              <Line type="monotone" dataKey="paidAuthors" name="Paid authors" stroke="#2e7d32" isAnimationActive={false} />
              <Line
                type="monotone"
                dataKey="authorsToPay"
                name="Authors waiting to be marked paid"
                stroke="#ed6c02"
                strokeDasharray="5 4"
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
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
                <TableCell align="right">Paid out</TableCell>
                <TableCell align="right">Paid authors</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...rows].reverse().map((r) => (
                <TableRow key={r.period} data-testid={`period-${r.period}`}>
                  <TableCell>{r.period}</TableCell>
                  <TableCell>{r.status === 'approved' ? 'approved, waiting to be marked paid' : r.status}</TableCell>
                  <TableCell align="right">{r.text.pool}</TableCell>
                  <TableCell align="right">{r.text.allocated}</TableCell>
                  <TableCell align="right">{r.text.paidOut}</TableCell>
                  <TableCell align="right">{r.text.paidAuthors}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  );
}
