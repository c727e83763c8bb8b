import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { DataTable, ExportButton, downloadCSV, Link, List, Title, TopToolbar, useGetOne } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import type { AuthorLedgerSummary, LedgerEntry } from '../../api';
import { RequireAccess } from '../../components/RequireAccess';
import * as csv from '../../components/exporter';
import { Fact, Facts, StatusChip, filteredListPath } from '../../components/fields';
import { EXPORT_MAX } from '../../components/lists';
import { formatUtc } from '../../dates';
import { formatMicros } from '../../money';

export type { LedgerEntry };

/** Where the author ledger of a member is in the console (tickets, partners and statements link here). */
export const authorLedgerPath = (authorId: string) => `/author-ledger?author=${encodeURIComponent(authorId)}`;

/** One row per entry: cause, run, payout, debit, credit and running balance, each amount in dollars and µ$. */
export const authorLedgerColumns: csv.CsvColumn<LedgerEntry>[] = [
  csv.col('Entry', (r) => r.id),
  csv.col('Booked (UTC)', (r) => r.createdAt),
  csv.col('Period', (r) => r.period),
  csv.col('Kind', (r) => r.kind),
  csv.col('Cause', (r) => r.cause),
  csv.col('Run', (r) => r.runId),
  csv.col('Statement (payout)', (r) => r.statementId),
  csv.col('Payout state', (r) => r.payoutState),
  csv.money('Debit', (r) => r.debitMicros),
  csv.money('Credit', (r) => r.creditMicros),
  csv.money('Balance after', (r) => r.balanceMicros),
  csv.col('Transaction group', (r) => r.groupId),
];

const Summary = ({ authorId }: { authorId: string }) => {
  const { data, error, isPending } = useGetOne<AuthorLedgerSummary>('author-ledgers', { id: authorId });
  if (isPending) return null;
  if (error || !data) return <Alert severity="warning">No author with member id {authorId}.</Alert>;
  return (
    <Box data-testid="author-ledger-summary">
      <Typography variant="h6" sx={{ mt: 2 }}>
        {data.authorName ?? authorId} ({authorId})
      </Typography>
      <Facts>
        <Fact label="Balance owed (ledger)">
          <span data-testid="ledger-balance">{formatMicros(data.balanceMicros)}</span>
        </Fact>
        <Fact label="Latest statement carried">
          {data.latestStatement ? (
            <Link to={`/statements/${data.latestStatement.id}/show`}>
              {formatMicros(data.latestStatement.carriedMicros)} ({data.latestStatement.period})
            </Link>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Failed or reversed payouts not yet returned">{formatMicros(data.unsettledMicros)}</Fact>
        <Fact label="Agrees with the statements">
          <StatusChip value={data.matchesStatements ? 'yes' : 'no'} />
        </Fact>
        <Fact label="Entries">{data.entryCount}</Fact>
        <Fact label="More">
          <Link to={filteredListPath('statements', { authorId })}>Statements</Link>
        </Fact>
      </Facts>
    </Box>
  );
};

const EntryColumns = () => (
  <DataTable bulkActionButtons={false} rowClick={false}>
    <DataTable.Col source="createdAt" label="Booked" render={(r: LedgerEntry) => formatUtc(r.createdAt)} />
    <DataTable.Col
      source="period"
      render={(r: LedgerEntry) => (r.runId ? <Link to={`/payout-runs/${r.runId}/show`}>{r.period}</Link> : r.period)}
    />
    <DataTable.Col source="cause" disableSort />
    <DataTable.Col
      source="statementId"
      label="Payout"
      disableSort
      render={(r: LedgerEntry) =>
        r.statementId && (r.kind === 'payout' || r.kind === 'payout_transition') ? (
          <Link to={`/statements/${r.statementId}/show`}>
            <StatusChip value={r.payoutState} />
          </Link>
        ) : null
      }
    />
    <DataTable.Col
      source="debitMicros"
      label="Debit"
      disableSort
      align="right"
      render={(r: LedgerEntry) => (Number(r.debitMicros) ? formatMicros(r.debitMicros) : '')}
    />
    <DataTable.Col
      source="creditMicros"
      label="Credit"
      disableSort
      align="right"
      render={(r: LedgerEntry) => (Number(r.creditMicros) ? formatMicros(r.creditMicros) : '')}
    />
    <DataTable.Col
      source="balanceMicros"
      label="Balance"
      disableSort
      align="right"
      render={(r: LedgerEntry) => formatMicros(r.balanceMicros)}
    />
  </DataTable>
);

/**
 * An author's ledger for support and finance: every entry of their account with its cause,
 * the run, period and payout it belongs to, debit/credit and the running balance (a credit is
 * money the program owes them, a debit money that left their balance).
 */
export const AuthorLedgerPage = () => {
  const [params, setParams] = useSearchParams();
  const author = params.get('author') ?? '';
  const [draft, setDraft] = useState(author);
  return (
    <RequireAccess resource="author-ledger" action="list">
      <Title title="Author ledger" />
      <Card sx={{ mt: 1 }}>
        <CardContent>
          <Box
            component="form"
            sx={{ display: 'flex', gap: 2, alignItems: 'center' }}
            onSubmit={(e) => {
              e.preventDefault();
              setParams(draft.trim() ? { author: draft.trim() } : {});
            }}
          >
            <TextField label="Author (member id)" name="author" value={draft} onChange={(e) => setDraft(e.target.value)} size="small" />
            <Button type="submit" variant="contained">
              Show
            </Button>
          </Box>
          {author ? (
            <Summary authorId={author} />
          ) : (
            <Typography sx={{ mt: 2 }} color="text.secondary">
              Enter the author's member id (or follow the link from a ticket or a partner) to see every entry of their ledger with its cause
              and the running balance.
            </Typography>
          )}
        </CardContent>
      </Card>
      {author ? (
        <Box key={author} data-testid="author-ledger-entries">
          <List
            resource="author-ledger-entries"
            filter={{ authorId: author }}
            sort={{ field: 'id', order: 'DESC' }}
            disableSyncWithLocation
            perPage={25}
            exporter={(records) => downloadCSV(csv.toCsv(records as LedgerEntry[], authorLedgerColumns), `ledger-${author}`)}
            actions={
              <TopToolbar>
                <ExportButton maxResults={EXPORT_MAX} />
              </TopToolbar>
            }
            title={false}
            empty={<Typography sx={{ m: 2 }}>No ledger entries yet.</Typography>}
          >
            <EntryColumns />
          </List>
        </Box>
      ) : null}
    </RequireAccess>
  );
};
