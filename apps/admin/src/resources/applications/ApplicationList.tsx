import { Box, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TextInput,
  useCanAccess,
  useGetIdentity,
  type RaRecord,
} from 'react-admin';
import { useHotkeys } from 'react-hotkeys-hook';
import { useNavigate } from 'react-router-dom';
import { exporterOf } from '../../components/exporter';
import { applicationCsv } from './csv';
import { StatusChip } from '../../components/fields';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { formatUtc } from '../../dates';
import { QueueHeader } from '../../review-queue/QueueHeader';
import { ShortcutButton, ShortcutHelp, type Shortcut } from '../../review-queue/ShortcutHelp';
import { useListKeys } from '../../review-queue/useListKeys';
import { useQueueNavigation } from '../../review-queue/useQueue';
import { BulkApproveButton } from './actions';
import { CheckChips } from './checks';
import { APPLICATION_STATUSES, CHECK_NAMES, REJECT_REASONS } from './constants';
import type { Application } from '../../api';

const applicationExporter = exporterOf(applicationCsv);

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Applicant, member id, email" />,
  <SelectInput key="status" source="status" choices={choices(APPLICATION_STATUSES)} alwaysOn />,
  <NullableBooleanInput key="eligible" source="eligible" label="All checks pass" />,
  <NullableBooleanInput key="claimed" source="claimed" label="Being reviewed" />,
  <SelectInput key="failingCheck" source="failingCheck" label="Failing check" choices={choices(CHECK_NAMES)} />,
  <TextInput key="country" source="country" label="Country (ISO code)" />,
  <SelectInput key="rejectReason" source="rejectReason" label="Reject reason" choices={choices(REJECT_REASONS)} />,
  <TextInput key="memberId" source="memberId" label="Member id" />,
  ...dateRangeFilters('submittedAt', 'Submitted'),
];

export const LIST_SHORTCUTS: Shortcut[] = [
  { keys: ['j', 'k'], what: 'next / previous row' },
  { keys: ['Enter', 'o'], what: 'open the row (you claim it)' },
  { keys: ['x'], what: 'select or unselect the row' },
  { keys: ['Shift+A'], what: 'approve the selected rows (preview first)' },
  { keys: ['n'], what: 'start reviewing: the oldest application nobody is working on' },
  { keys: ['?'], what: 'this help' },
];

export const Applicant = ({ record }: { record: Application }) => (
  <Box>
    <Typography variant="body2">{record.memberName ?? '—'}</Typography>
    <Typography variant="caption" color="text.secondary">
      {record.memberId} · @{record.memberUsername}
    </Typography>
  </Box>
);

/** Who is working on it: you, a colleague, or nobody. */
const ClaimCell = ({ record, me }: { record: Application; me?: string }) =>
  record.claimedBy ? (
    <Typography variant="caption" color={record.claimedBy === me ? 'success.main' : 'warning.main'}>
      {record.claimedBy === me ? 'you' : record.claimedByEmail}
    </Typography>
  ) : null;

const QueueTable = () => {
  const [help, setHelp] = useState(false);
  const navigate = useNavigate();
  const { next } = useQueueNavigation('applications');
  const { data: me } = useGetIdentity();
  const { canAccess: canBulk } = useCanAccess({ resource: 'applications', action: 'bulk-approve' });
  useHotkeys('n', () => void next(), { enabled: !help });
  const keys = useListKeys({ onOpen: (r: RaRecord) => navigate(`/applications/${encodeURIComponent(r.id)}/show`), enabled: !help });
  return (
    <>
      <QueueHeader resource="applications">
        <ShortcutButton onOpen={() => setHelp(true)} />
        <Typography variant="caption" role="status" data-testid="queue-focus" sx={{ ml: 1 }}>
          {keys.focused ? `Row ${keys.position} of ${keys.count}: ${keys.focused.id}` : ''}
        </Typography>
      </QueueHeader>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={LIST_SHORTCUTS} title="Application queue: keys" />
      <DataTable rowClick="show" rowSx={keys.rowSx} bulkActionButtons={canBulk ? <BulkApproveButton scope="selected" /> : false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="memberId" label="Applicant" render={(r: Application) => <Applicant record={r} />} />
        <DataTable.Col source="country" />
        <DataTable.Col source="submittedAt" label="Submitted" render={(r: Application) => formatUtc(r.submittedAt)} />
        <DataTable.Col label="Checks" disableSort render={(r: Application) => <CheckChips record={r} />} />
        <DataTable.Col
          source="status"
          render={(r: Application) => (
            <Stack spacing={0.25}>
              <StatusChip value={r.status} />
              <ClaimCell record={r} me={me?.id as string | undefined} />
            </Stack>
          )}
        />
        <DataTable.Col source="decidedAt" label="Decided" render={(r: Application) => formatUtc(r.decidedAt)} />
      </DataTable>
    </>
  );
};

export const ApplicationList = () => (
  <List
    filters={filters}
    filterDefaultValues={{ status: 'pending' }}
    sort={{ field: 'submittedAt', order: 'ASC' }}
    actions={
      <ListActions create>
        <BulkApproveButton scope="filtered" />
      </ListActions>
    }
    exporter={applicationExporter}
    title="Applications"
  >
    <QueueTable />
  </List>
);
