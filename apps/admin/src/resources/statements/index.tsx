import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { Card, CardContent, Divider, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import {
  DataTable,
  Link,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  Show,
  TextInput,
  useCanAccess,
  useRecordContext,
} from 'react-admin';
import { csvExporter } from '../../components/exporter';
import { Fact, Facts, StatusChip, filteredListPath } from '../../components/fields';
import { ListActions, choices } from '../../components/lists';
import { formatUtc } from '../../dates';
import { formatCents, formatMicros } from '../../money';

import { PAYOUT_STATES, STATEMENT_STATUSES } from '@libs/payouts/src/payout-rules';

export { PAYOUT_STATES, STATEMENT_STATUSES };

export interface Statement {
  id: string;
  runId: string;
  runStatus: string;
  period: string;
  authorId: string;
  authorName: string;
  openingMicros: number | string;
  openingRunId: string | null;
  returnedStatementIds: string[] | null;
  storyEarningsMicros: number | string;
  referralEarningsMicros: number | string;
  adjustmentsMicros: number | string;
  balanceMicros: number | string;
  payoutCents: number | string;
  carriedMicros: number | string;
  forfeitedMicros: number | string | null;
  status: string;
  payoutState: string | null;
  payoutStateAt: string | null;
}

export const statementFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Author name or id" />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" alwaysOn />,
  <TextInput key="authorId" source="authorId" label="Author (member id)" />,
  <SelectInput key="status" source="status" choices={choices(STATEMENT_STATUSES)} />,
  <SelectInput key="payoutState" source="payoutState" label="Payout state" choices={choices(PAYOUT_STATES)} />,
  <ReferenceInput key="runId" source="runId" reference="payout-runs" sort={{ field: 'period', order: 'DESC' }} perPage={100}>
    <SelectInput label="Run" optionText={(r: { period: string; status: string }) => `${r.period} (${r.status})`} />
  </ReferenceInput>,
];

const money = (v: number | string | null | undefined) => formatMicros(v);

/** The statement columns (shared by the list and the run page). */
export const StatementColumns = ({ withPeriod = true }: { withPeriod?: boolean }) => (
  <DataTable rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="authorId" label="Author" render={(r: Statement) => `${r.authorName} (${r.authorId})`} />
    {withPeriod ? <DataTable.Col source="period" /> : null}
    <DataTable.Col source="openingMicros" label="Opening" disableSort align="right" render={(r: Statement) => money(r.openingMicros)} />
    <DataTable.Col
      source="storyEarningsMicros"
      label="Stories"
      disableSort
      align="right"
      render={(r: Statement) => money(r.storyEarningsMicros)}
    />
    <DataTable.Col
      source="referralEarningsMicros"
      label="Referrals"
      disableSort
      align="right"
      render={(r: Statement) => money(r.referralEarningsMicros)}
    />
    <DataTable.Col
      source="adjustmentsMicros"
      label="Adjustments"
      disableSort
      align="right"
      render={(r: Statement) => money(r.adjustmentsMicros)}
    />
    <DataTable.Col source="balanceMicros" label="Balance" align="right" render={(r: Statement) => money(r.balanceMicros)} />
    <DataTable.Col source="payoutCents" label="Payout" align="right" render={(r: Statement) => formatCents(r.payoutCents)} />
    <DataTable.Col source="carriedMicros" label="Carried" disableSort align="right" render={(r: Statement) => money(r.carriedMicros)} />
    <DataTable.Col source="status" render={(r: Statement) => <StatusChip value={r.status} />} />
    <DataTable.Col source="payoutState" label="Payout state" disableSort render={(r: Statement) => <StatusChip value={r.payoutState} />} />
  </DataTable>
);

const StatementList = () => (
  <List
    filters={statementFilters}
    sort={{ field: 'balanceMicros', order: 'DESC' }}
    actions={<ListActions />}
    exporter={csvExporter}
    title="Statements"
  >
    <StatementColumns />
  </List>
);

const Row = ({ label, value, strong }: { label: string; value: string; strong?: boolean }) => (
  <TableRow>
    <TableCell sx={{ fontWeight: strong ? 600 : undefined }}>{label}</TableCell>
    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : undefined }}>
      {value}
    </TableCell>
  </TableRow>
);

/** The statement as lines: opening + stories + referrals + adjustments = balance → payout (whole cents) + carried. */
export const StatementLines = ({ s }: { s: Statement }) => (
  <Table size="small" sx={{ maxWidth: 520 }} data-testid="statement-lines">
    <TableBody>
      <Row label="Opening balance" value={formatMicros(s.openingMicros)} />
      <Row label="Story earnings" value={formatMicros(s.storyEarningsMicros)} />
      <Row label="Referral earnings" value={formatMicros(s.referralEarningsMicros)} />
      <Row label="Adjustments" value={formatMicros(s.adjustmentsMicros)} />
      <Row label="Balance" value={formatMicros(s.balanceMicros)} strong />
      <Row label="Payout" value={formatCents(s.payoutCents)} strong />
      <Row label="Carried to next month" value={formatMicros(s.carriedMicros)} />
      {s.forfeitedMicros !== null && s.forfeitedMicros !== undefined && String(s.forfeitedMicros) !== '0' ? (
        <Row label="Forfeited" value={formatMicros(s.forfeitedMicros)} />
      ) : null}
    </TableBody>
  </Table>
);

const StatementDetail = () => {
  const s = useRecordContext<Statement>();
  const { canAccess: canExplain } = useCanAccess({ resource: 'explanations', action: 'show' });
  if (!s) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {s.authorName} ({s.authorId}), {s.period}
        </Typography>
        <Facts>
          <Fact label="Status">
            <StatusChip value={s.status} />
          </Fact>
          <Fact label="Payout state">
            <StatusChip value={s.payoutState} /> {s.payoutStateAt ? formatUtc(s.payoutStateAt) : ''}
          </Fact>
          <Fact label="Run">
            <Link to={`/payout-runs/${s.runId}/show`}>
              {s.period} ({s.runStatus})
            </Link>
          </Fact>
          {s.openingRunId ? (
            <Fact label="Opening from run">
              <Link to={`/payout-runs/${s.openingRunId}/show`}>{s.openingRunId.slice(0, 8)}</Link>
            </Fact>
          ) : null}
          {s.returnedStatementIds?.length ? <Fact label="Failed payouts returned">{s.returnedStatementIds.join(', ')}</Fact> : null}
        </Facts>
        <StatementLines s={s} />
        <Divider sx={{ my: 2 }} />
        <Facts>
          <Link to={filteredListPath('story-earnings', { runId: s.runId, authorId: s.authorId })}>Per-story earnings of this run</Link>
          <Link to={filteredListPath('statements', { authorId: s.authorId })}>All statements of {s.authorName}</Link>
          <Link to={filteredListPath('adjustments', { authorId: s.authorId })}>Adjustments</Link>
          {canExplain ? <Link to={`/explanations/${encodeURIComponent(s.authorId)}/${s.period}`}>Earnings explanation</Link> : null}
        </Facts>
      </CardContent>
    </Card>
  );
};

const StatementShow = () => (
  <Show component="div" title="Statement">
    <StatementDetail />
  </Show>
);

export default { list: StatementList, show: StatementShow, icon: ReceiptLongIcon };
