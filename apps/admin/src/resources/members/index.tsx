import PersonIcon from '@mui/icons-material/Person';
import { Card, CardContent, Divider, Typography } from '@mui/material';
import { DataTable, Link, List, NullableBooleanInput, SearchInput, Show, TextInput, useRecordContext } from 'react-admin';
import { exporterOf } from '../../components/exporter';
import { memberCsv } from './csv';
import { IfCan } from '../../components/actions';
import { Fact, Facts, StatusChip, YesNo, filteredListPath } from '../../components/fields';
import { authorLedgerPath } from '../ledger/AuthorLedgerPage';
import { ListActions, dateRangeFilters } from '../../components/lists';
import { RowsTable } from '../../components/RowsTable';
import { formatDay, formatUtc } from '../../dates';
import { formatCents } from '../../money';
import { formatCount, formatDuration } from '../../numbers';
import type { Member, MemberDetail } from '../../api';
import { MonthEstimatePanel } from '../estimates/MonthEstimatePanel';

const memberExporter = exporterOf(memberCsv);

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Id, username, name or email" />,
  <TextInput key="country" source="country" label="Country (ISO code)" alwaysOn />,
  <NullableBooleanInput key="earningsExcluded" source="earningsExcluded" label="Earnings excluded" />,
  ...dateRangeFilters('joinedAt', 'Joined'),
];

const MemberList = () => (
  <List filters={filters} sort={{ field: 'joinedAt', order: 'DESC' }} actions={<ListActions />} exporter={memberExporter} title="Members">
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="name" />
      <DataTable.Col source="username" disableSort />
      <DataTable.Col source="email" disableSort />
      <DataTable.Col source="country" disableSort />
      <DataTable.Col source="joinedAt" label="Joined" render={(r: Member) => formatUtc(r.joinedAt)} />
      <DataTable.Col
        source="earningsExcluded"
        label="Earnings excluded"
        disableSort
        render={(r: Member) => <YesNo value={r.earningsExcluded} />}
      />
    </DataTable>
  </List>
);

const MemberDetailCard = () => {
  const r = useRecordContext<MemberDetail>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {r.name}
        </Typography>
        <Facts>
          <Fact label="Member">{r.id}</Fact>
          <Fact label="Username">{r.username}</Fact>
          <Fact label="Email">{r.email}</Fact>
          <Fact label="Country">{r.country}</Fact>
          <Fact label="Born">{formatDay(r.birthDate)}</Fact>
          <Fact label="Joined">{formatUtc(r.joinedAt)}</Fact>
          <Fact label="Earnings excluded">
            <YesNo value={r.earningsExcluded} />
          </Fact>
          <Fact label="Writing">
            <Link to={filteredListPath('stories', { authorId: r.id })}>Stories</Link>
            <IfCan resource="author-ledger" action="list">
              {' · '}
              <Link to={authorLedgerPath(r.id)}>Ledger</Link>
            </IfCan>
          </Fact>
        </Facts>
        <MonthEstimatePanel authorId={r.id} />
        <Divider sx={{ my: 2 }} />
        <Typography variant="h6">Memberships</Typography>
        <RowsTable
          rows={r.memberships}
          empty="No membership"
          columns={[
            { label: 'Membership', render: (m) => m.id },
            { label: 'Plan', render: (m) => m.plan },
            { label: 'Tier', render: (m) => m.tier },
            { label: 'Started', render: (m) => formatUtc(m.startedAt) },
            { label: 'Ended', render: (m) => formatUtc(m.endedAt) },
          ]}
        />
        <Typography variant="h6" sx={{ mt: 3 }}>
          Charges
        </Typography>
        <RowsTable
          rows={r.charges}
          empty="No charge"
          columns={[
            { label: 'Charge', render: (c) => c.id },
            { label: 'Plan', render: (c) => c.plan },
            { label: 'Covers from', render: (c) => formatDay(c.coversFrom) },
            { label: 'Charged', render: (c) => formatUtc(c.chargedAt) },
            { label: 'Gross', align: 'right', render: (c) => formatCents(c.grossCents) },
            { label: 'Fee', align: 'right', render: (c) => formatCents(c.feeCents) },
            { label: 'Net', align: 'right', render: (c) => formatCents(c.netCents) },
            { label: 'Status', render: (c) => <StatusChip value={c.status} /> },
          ]}
        />
        <Typography variant="h6" sx={{ mt: 3 }}>
          Reading (this month and the two before)
        </Typography>
        <RowsTable
          rows={r.reading}
          empty="No reading in these months"
          columns={[
            { label: 'Month', render: (m) => m.period },
            { label: 'Sessions', align: 'right', render: (m) => formatCount(m.sessions) },
            { label: 'Active time', align: 'right', render: (m) => formatDuration(m.activeSeconds) },
            { label: 'Stories', align: 'right', render: (m) => formatCount(m.stories) },
            { label: 'Authors', align: 'right', render: (m) => formatCount(m.authors) },
          ]}
        />
      </CardContent>
    </Card>
  );
};

const MemberShow = () => (
  <Show component="div" title="Member">
    <MemberDetailCard />
  </Show>
);

export default { list: MemberList, show: MemberShow, icon: PersonIcon, recordRepresentation: 'name' };
