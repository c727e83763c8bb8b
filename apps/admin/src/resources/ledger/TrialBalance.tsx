import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { DataTable, List, Show, downloadCSV, useRecordContext } from 'react-admin';
import { absMicros, micros } from '@libs/core/src/money/money';
import { AUTHORS_ACCOUNT } from '@libs/ledger/src/trial-balance-accounts';
import type { TrialBalance, TrialBalanceAccount, TrialBalancePeriod } from '../../api';
import * as csv from '../../components/exporter';
import { formatMicros } from '../../money';

type TrialBalanceRecord = TrialBalance;

const accountName = (a: Pick<TrialBalanceAccount, 'account' | 'authorCount'>) =>
  a.account === AUTHORS_ACCOUNT ? `Authors' balances (${a.authorCount ?? 0} authors)` : a.account;

/** A balance as a trial balance shows it: the amount with Dr (debit) or Cr (credit). */
const drCr = (v: number | string) => {
  const n = micros(v);
  if (n === 0n) return formatMicros(0);
  return `${formatMicros(absMicros(n))} ${n > 0n ? 'Dr' : 'Cr'}`;
};

/** One row per account (and a totals row): opening, the period's debits and credits, closing; dollars and µ$. */
const accountColumns: csv.CsvColumn<TrialBalanceAccount>[] = [
  csv.col('Account', (a) => accountName(a)),
  csv.col('Entries in the period', (a) => a.entryCount),
  csv.money('Opening (debit +)', (a) => a.openingMicros),
  csv.money('Debits', (a) => a.debitsMicros),
  csv.money('Credits', (a) => a.creditsMicros),
  csv.money('Closing (debit +)', (a) => a.closingMicros),
];

const exportTrialBalance = (r: TrialBalanceRecord) =>
  downloadCSV(
    csv.toCsv(
      [
        ...r.accounts,
        {
          id: 'total',
          account: 'Total',
          authorCount: null,
          entryCount: r.accounts.reduce((n, a) => n + a.entryCount, 0),
          openingMicros: r.totals.openingMicros,
          debitsMicros: r.totals.debitsMicros,
          creditsMicros: r.totals.creditsMicros,
          closingMicros: r.totals.closingMicros,
        },
      ],
      accountColumns,
    ),
    `trial-balance-${r.period}`,
  );

const TrialBalanceDetail = () => {
  const r = useRecordContext<TrialBalanceRecord>();
  if (!r) return null;
  const right = { align: 'right' as const, sx: { whiteSpace: 'nowrap' } };
  return (
    <Card>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2 }}>
          <Typography variant="h5" sx={{ flex: 1 }}>
            Trial balance {r.period}
          </Typography>
          <Button startIcon={<DownloadIcon />} onClick={() => exportTrialBalance(r)} data-testid="trial-balance-export">
            Export CSV
          </Button>
        </Box>
        <Alert severity={r.balanced ? 'success' : 'error'} sx={{ mb: 2 }} data-testid="trial-balance-status">
          {r.balanced
            ? `Balanced: debits ${formatMicros(r.totals.debitsMicros)} = credits ${formatMicros(r.totals.creditsMicros)}`
            : `Not balanced: debits ${formatMicros(r.totals.debitsMicros)}, credits ${formatMicros(r.totals.creditsMicros)}`}
        </Alert>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          The entries of this period's run (its approval and every later event of its payouts); opening is the earlier periods'.
        </Typography>
        <Table size="small" data-testid="trial-balance">
          <TableHead>
            <TableRow>
              <TableCell>Account</TableCell>
              <TableCell {...right}>Opening</TableCell>
              <TableCell {...right}>Debits</TableCell>
              <TableCell {...right}>Credits</TableCell>
              <TableCell {...right}>Closing</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {r.accounts.map((a) => (
              <TableRow key={a.account}>
                <TableCell>{accountName(a)}</TableCell>
                <TableCell {...right}>{drCr(a.openingMicros)}</TableCell>
                <TableCell {...right}>{formatMicros(a.debitsMicros)}</TableCell>
                <TableCell {...right}>{formatMicros(a.creditsMicros)}</TableCell>
                <TableCell {...right}>{drCr(a.closingMicros)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow data-testid="trial-balance-totals" sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
              <TableCell>Total</TableCell>
              <TableCell {...right}>{drCr(r.totals.openingMicros)}</TableCell>
              <TableCell {...right}>{formatMicros(r.totals.debitsMicros)}</TableCell>
              <TableCell {...right}>{formatMicros(r.totals.creditsMicros)}</TableCell>
              <TableCell {...right}>
                {formatMicros(r.totals.closingDebitMicros)} Dr / {formatMicros(r.totals.closingCreditMicros)} Cr
              </TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      </CardContent>
    </Card>
  );
};

/** One row per period: its debits and credits, both in dollars and µ$. */
const periodExporter = csv.exporterOf<TrialBalancePeriod>([
  csv.col('Period', (r) => r.period),
  csv.col('Entries', (r) => r.entryCount),
  csv.col('Accounts', (r) => r.accountCount),
  csv.money('Debits', (r) => r.debitsMicros),
  csv.money('Credits', (r) => r.creditsMicros),
  csv.col('Balanced', (r) => (r.balanced ? 'yes' : 'no')),
]);

const TrialBalanceList = () => (
  <List sort={{ field: 'period', order: 'DESC' }} exporter={periodExporter} title="Trial balance">
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="period" />
      <DataTable.Col source="entryCount" label="Entries" disableSort align="right" />
      <DataTable.Col
        source="debitsMicros"
        label="Debits"
        disableSort
        align="right"
        render={(r: TrialBalancePeriod) => formatMicros(r.debitsMicros)}
      />
      <DataTable.Col
        source="creditsMicros"
        label="Credits"
        disableSort
        align="right"
        render={(r: TrialBalancePeriod) => formatMicros(r.creditsMicros)}
      />
      <DataTable.Col source="balanced" disableSort render={(r: TrialBalancePeriod) => (r.balanced ? 'yes' : 'NO')} />
    </DataTable>
  </List>
);

const TrialBalanceShow = () => (
  <Show component="div" title="Trial balance">
    <TrialBalanceDetail />
  </Show>
);

export const trialBalances = { list: TrialBalanceList, show: TrialBalanceShow };
