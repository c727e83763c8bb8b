import type { Statement } from '../../api';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { Box, Card, CardContent, Divider, Typography } from '@mui/material';
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
import { Breakdown } from '../../components/Breakdown';
import { exporterOf } from '../../components/exporter';
import { statementCsv } from './csv';
import { Fact, Facts, StatusChip, filteredListPath } from '../../components/fields';
import { ListActions, choices } from '../../components/lists';
import { authorLedgerPath } from '../ledger/AuthorLedgerPage';
import { formatUtc } from '../../dates';
import { formatCents, formatMicros } from '../../money';

import { failureCodeInfo } from '@libs/payouts/src/payout-failure-codes';
import { PAYOUT_STATES, STATEMENT_STATUSES } from '@libs/payouts/src/payout-rules';

export { PAYOUT_STATES, STATEMENT_STATUSES };

export type { Statement };

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
    {/* Opening, story, referral and adjustment lines add up to the balance on the statement's page (and in the CSV). */}
    <DataTable.Col source="balanceMicros" label="Balance" align="right" render={(r: Statement) => money(r.balanceMicros)} />
    <DataTable.Col source="payoutCents" label="Payout" align="right" render={(r: Statement) => formatCents(r.payoutCents)} />
    <DataTable.Col source="carriedMicros" label="Carried" disableSort align="right" render={(r: Statement) => money(r.carriedMicros)} />
    <DataTable.Col source="status" render={(r: Statement) => <StatusChip value={r.status} />} />
    <DataTable.Col source="payoutState" label="Payout state" disableSort render={(r: Statement) => <StatusChip value={r.payoutState} />} />
  </DataTable>
);

export const statementExporter = exporterOf(statementCsv);

const StatementList = () => (
  <List
    filters={statementFilters}
    sort={{ field: 'balanceMicros', order: 'DESC' }}
    actions={<ListActions />}
    exporter={statementExporter}
    title="Statements"
  >
    <StatementColumns />
  </List>
);

/** The money lines of a statement (the statement page and the explanation share them). */
export type StatementMoney = Pick<
  Statement,
  | 'openingMicros'
  | 'storyEarningsMicros'
  | 'referralEarningsMicros'
  | 'adjustmentsMicros'
  | 'balanceMicros'
  | 'payoutCents'
  | 'carriedMicros'
  | 'forfeitedMicros'
>;

/**
 * The statement as two breakdowns, each adding up as shown: opening + stories + referrals +
 * adjustments = balance; the balance = payout (whole cents) + carried + forfeited.
 */
export const StatementLines = ({ s }: { s: StatementMoney }) => (
  <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="statement-lines">
    <Breakdown
      parts={[
        { label: 'Opening balance', micros: s.openingMicros },
        { label: 'Story earnings', micros: s.storyEarningsMicros },
        { label: 'Legacy referral earnings', micros: s.referralEarningsMicros },
        { label: 'Adjustments', micros: s.adjustmentsMicros },
      ]}
      whole={{ label: 'Balance', micros: s.balanceMicros }}
    />
    <Breakdown
      wholeFirst
      parts={[
        { label: 'Payout', cents: s.payoutCents },
        { label: 'Carried to next month', micros: s.carriedMicros },
        { label: 'Forfeited', micros: s.forfeitedMicros ?? 0, optional: true },
      ]}
      whole={{ label: 'Balance', micros: s.balanceMicros }}
    />
  </Box>
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
          {s.payoutFailureCode ? (
            <Fact label="Payout failure">
              <span data-testid="payout-failure">
                <strong>{s.payoutFailureCode}</strong>: {failureCodeInfo(s.payoutFailureCode).tellWriter}
              </span>
            </Fact>
          ) : null}
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
          <Link to={authorLedgerPath(s.authorId)}>Ledger</Link>
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
