import GroupIcon from '@mui/icons-material/Group';
import { Button, Card, CardContent, Divider, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { DataTable, Link, List, SearchInput, SelectInput, Show, TextInput, TopToolbar, useCanAccess, useRecordContext } from 'react-admin';
import { IfCan, ReasonDialog, useAction } from '../../components/actions';
import { exporterOf } from '../../components/exporter';
import { partnerCsv } from './csv';
import { Fact, Facts, StatusChip, filteredListPath } from '../../components/fields';
import { authorLedgerPath } from '../ledger/AuthorLedgerPage';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { formatUtc } from '../../dates';
import { MAX_REASON_LENGTH } from '@libs/core/src/text-limits';
import type { Partner } from '../../api';
import { MonthEstimatePanel } from '../estimates/MonthEstimatePanel';

const partnerExporter = exporterOf(partnerCsv);

const PARTNER_STATUSES = ['active', 'suspended', 'removed', 'left'] as const;

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name, username, email, id" />,
  <SelectInput key="status" source="status" choices={choices(PARTNER_STATUSES)} alwaysOn />,
  <TextInput key="country" source="country" label="Country (ISO code)" />,
  ...dateRangeFilters('enrolledAt', 'Enrolled'),
  ...dateRangeFilters('statusChangedAt', 'Status changed'),
];

const PartnerList = () => (
  <List
    filters={filters}
    sort={{ field: 'enrolledAt', order: 'DESC' }}
    actions={<ListActions />}
    exporter={partnerExporter}
    title="Partners"
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" label="Member" />
      <DataTable.Col source="name" />
      <DataTable.Col source="username" render={(r: Partner) => `@${r.username}`} />
      <DataTable.Col source="country" />
      <DataTable.Col source="status" render={(r: Partner) => <StatusChip value={r.status} />} />
      <DataTable.Col source="statusChangedAt" label="Since" render={(r: Partner) => formatUtc(r.statusChangedAt)} />
      <DataTable.Col source="enrolledAt" label="Enrolled" render={(r: Partner) => formatUtc(r.enrolledAt)} />
      <DataTable.Col source="leftAt" label="Left" render={(r: Partner) => formatUtc(r.leftAt)} />
    </DataTable>
  </List>
);

const ACTIONS: Record<string, { from: string[]; label: string; color: 'warning' | 'success' | 'error' | 'inherit' }> = {
  suspend: { from: ['active'], label: 'Suspend', color: 'warning' },
  reinstate: { from: ['suspended'], label: 'Reinstate', color: 'success' },
  remove: { from: ['active', 'suspended'], label: 'Remove', color: 'error' },
  leave: { from: ['active', 'suspended'], label: 'Record leaving', color: 'inherit' },
};

const StatusActionButton = ({ verb }: { verb: keyof typeof ACTIONS }) => {
  const record = useRecordContext<Partner>();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  const a = ACTIONS[verb];
  if (!record || record.leftAt || !a.from.includes(record.status)) return null;
  return (
    <IfCan resource="partners" action={verb}>
      <Button color={a.color} onClick={() => setOpen(true)}>
        {a.label}
      </Button>
      <ReasonDialog
        open={open}
        title={`${a.label}: ${record.name} (${record.id})`}
        confirmLabel={a.label}
        pending={pending}
        fields={[
          { name: 'reason', label: 'Reason (kept in the status history)', required: true, multiline: true, maxLength: MAX_REASON_LENGTH },
        ]}
        onClose={() => setOpen(false)}
        onConfirm={async (v) => {
          if (await run((dp) => dp.act('partners', record.id, verb, { reason: v.reason }), `${a.label}: done`)) setOpen(false);
        }}
      >
        {verb === 'remove' || verb === 'leave' ? (
          <Typography variant="body2">This ends the enrollment; the writer may apply again later.</Typography>
        ) : null}
      </ReasonDialog>
    </IfCan>
  );
};

const PartnerLinks = () => {
  const record = useRecordContext<Partner>();
  const { canAccess: statements } = useCanAccess({ resource: 'statements', action: 'list' });
  const { canAccess: referrals } = useCanAccess({ resource: 'referrals', action: 'list' });
  if (!record) return null;
  return (
    <Facts>
      {statements ? <Link to={filteredListPath('statements', { authorId: record.id })}>Statements</Link> : null}
      {statements ? <Link to={filteredListPath('story-earnings', { authorId: record.id })}>Story earnings</Link> : null}
      {statements ? <Link to={authorLedgerPath(record.id)}>Ledger</Link> : null}
      {referrals ? <Link to={`/writer-referrals?writer=${encodeURIComponent(record.id)}`}>Legacy referrals</Link> : null}
      <Link to={filteredListPath('stories', { authorId: record.id })}>Stories</Link>
    </Facts>
  );
};

const PartnerDetail = () => {
  const r = useRecordContext<Partner>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Facts>
          <Fact label="Member">{r.id}</Fact>
          <Fact label="Name">{r.name}</Fact>
          <Fact label="Username">@{r.username}</Fact>
          <Fact label="Email">{r.email}</Fact>
          <Fact label="Country">{r.country}</Fact>
          <Fact label="Status">
            <StatusChip value={r.status} />
          </Fact>
          <Fact label="Since">{formatUtc(r.statusChangedAt)}</Fact>
          <Fact label="Enrollment">
            {r.enrollmentId} from {formatUtc(r.enrolledAt)}
            {r.leftAt ? ` to ${formatUtc(r.leftAt)}` : ''}
          </Fact>
        </Facts>
        <PartnerLinks />
        <Divider sx={{ my: 2 }} />
        <MonthEstimatePanel authorId={r.id} />
        <Typography variant="h6">Status history</Typography>
        <Table size="small" data-testid="status-history">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>By</TableCell>
              <TableCell>Enrollment</TableCell>
              <TableCell>Application</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(r.history ?? []).length === 0 ? (
              <TableRow>
                <TableCell colSpan={6}>No status changes recorded (imported enrollment).</TableCell>
              </TableRow>
            ) : null}
            {(r.history ?? []).map((h) => (
              <TableRow key={h.id}>
                <TableCell>{formatUtc(h.changedAt)}</TableCell>
                <TableCell>
                  <StatusChip value={h.status} />
                </TableCell>
                <TableCell>{h.reason ?? '—'}</TableCell>
                <TableCell>{h.changedByEmail ?? 'system'}</TableCell>
                <TableCell>{h.enrollmentId}</TableCell>
                <TableCell>
                  {h.applicationId ? <Link to={`/applications/${encodeURIComponent(h.applicationId)}/show`}>{h.applicationId}</Link> : '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="h6" sx={{ mt: 3 }}>
          Enrollments
        </Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Enrollment</TableCell>
              <TableCell>From</TableCell>
              <TableCell>To</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(r.enrollments ?? []).map((e) => (
              <TableRow key={e.id}>
                <TableCell>{e.id}</TableCell>
                <TableCell>{formatUtc(e.enrolledAt)}</TableCell>
                <TableCell>{e.leftAt ? formatUtc(e.leftAt) : 'open'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};

const PartnerShow = () => (
  <Show
    component="div"
    title="Partner"
    actions={
      <TopToolbar>
        <StatusActionButton verb="suspend" />
        <StatusActionButton verb="reinstate" />
        <StatusActionButton verb="leave" />
        <StatusActionButton verb="remove" />
      </TopToolbar>
    }
  >
    <PartnerDetail />
  </Show>
);

export default { list: PartnerList, show: PartnerShow, icon: GroupIcon, recordRepresentation: 'name' };
