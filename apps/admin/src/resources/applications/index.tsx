import HowToRegIcon from '@mui/icons-material/HowToReg';
import { Box, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import {
  Create,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  Show,
  SimpleForm,
  TextInput,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  required,
  regex,
  Link,
} from 'react-admin';
import { csvExporter } from '../../components/exporter';
import { Fact, StatusChip, UtcField } from '../../components/fields';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { formatDay, formatUtc } from '../../dates';
import { ApproveButton, BulkApproveFilteredButton, BulkApproveSelectedButton, RecheckButton, RejectButton } from './actions';
import { CheckCards, CheckChips } from './checks';
import { APPLICATION_STATUSES, CHECK_NAMES, REJECT_REASONS, type Application } from './constants';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Applicant, member id, email" />,
  <SelectInput key="status" source="status" choices={choices(APPLICATION_STATUSES)} alwaysOn />,
  <NullableBooleanInput key="eligible" source="eligible" label="All checks pass" />,
  <SelectInput key="failingCheck" source="failingCheck" label="Failing check" choices={choices(CHECK_NAMES)} />,
  <TextInput key="country" source="country" label="Country (ISO code)" />,
  <SelectInput key="rejectReason" source="rejectReason" label="Reject reason" choices={choices(REJECT_REASONS)} />,
  <TextInput key="memberId" source="memberId" label="Member id" />,
  ...dateRangeFilters('submittedAt', 'Submitted'),
];

const Applicant = ({ record }: { record: Application }) => (
  <Box>
    <Typography variant="body2">{record.memberName ?? '—'}</Typography>
    <Typography variant="caption" color="text.secondary">
      {record.memberId} · @{record.memberUsername}
    </Typography>
  </Box>
);

const ApplicationList = () => {
  const { canAccess: canBulk } = useCanAccess({ resource: 'applications', action: 'bulk-approve' });
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'pending' }}
      sort={{ field: 'submittedAt', order: 'ASC' }}
      actions={
        <ListActions create>
          <BulkApproveFilteredButton />
        </ListActions>
      }
      exporter={csvExporter}
      title="Applications"
    >
      <DataTable rowClick="show" bulkActionButtons={canBulk ? <BulkApproveSelectedButton /> : false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="memberId" label="Applicant" render={(r: Application) => <Applicant record={r} />} />
        <DataTable.Col source="country" />
        <DataTable.Col source="submittedAt" label="Submitted" render={(r: Application) => formatUtc(r.submittedAt)} />
        <DataTable.Col label="Checks" disableSort render={(r: Application) => <CheckChips record={r} />} />
        <DataTable.Col source="status" render={(r: Application) => <StatusChip value={r.status} />} />
        <DataTable.Col source="decidedAt" label="Decided" render={(r: Application) => formatUtc(r.decidedAt)} />
      </DataTable>
    </List>
  );
};

const ShowActions = () => (
  <TopToolbar sx={{ gap: 1 }}>
    <RecheckButton />
    <RejectButton />
    <ApproveButton />
  </TopToolbar>
);


const ApplicationDetail = () => {
  const record = useRecordContext<Application>();
  if (!record) return null;
  return (
    <Card>
      <CardContent>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 3, mb: 2 }} data-testid="application-facts">
          <Fact label="Application">{record.id}</Fact>
          <Fact label="Applicant">
            <Applicant record={record} />
          </Fact>
          <Fact label="Country">{record.country}</Fact>
          <Fact label="Birth date">{formatDay(record.birthDate)}</Fact>
          <Fact label="Submitted">
            <UtcField source="submittedAt" />
          </Fact>
          <Fact label="Status">
            <StatusChip value={record.status} />
          </Fact>
          {record.status !== 'pending' ? (
            <>
              <Fact label="Decided">
                {formatUtc(record.decidedAt)} by {record.decidedByEmail ?? '—'}
              </Fact>
              {record.rejectReason ? <Fact label="Reject reason">{record.rejectReason.replace(/_/g, ' ')}</Fact> : null}
              {record.note ? <Fact label="Note">{record.note}</Fact> : null}
              {record.enrollmentId && record.memberId ? (
                <Fact label="Partner">
                  <Link to={`/partners/${encodeURIComponent(record.memberId)}/show`}>{record.enrollmentId}</Link>
                </Fact>
              ) : null}
            </>
          ) : null}
        </Stack>
        <Divider sx={{ mb: 2 }} />
        <Typography variant="h6" gutterBottom>
          Eligibility checks
        </Typography>
        <CheckCards record={record} />
      </CardContent>
    </Card>
  );
};

const ApplicationShow = () => (
  <Show actions={<ShowActions />} component="div" title="Application">
    <ApplicationDetail />
  </Show>
);

const ApplicationCreate = () => (
  <Create redirect="show" title="Enter an application" transform={(d: Record<string, string>) => ({ ...d, country: d.country?.toUpperCase(), birthDate: d.birthDate || undefined })}>
    <SimpleForm>
      <Typography variant="body2" color="text.secondary">
        For an application received outside the form (e.g. from a help-desk ticket). The four checks are evaluated at once.
      </Typography>
      <TextInput source="memberId" label="Member id" validate={required()} />
      <TextInput source="country" label="Country (ISO code)" validate={[required(), regex(/^[A-Za-z]{2}$/, 'Two letters, e.g. FR')]} />
      <TextInput source="birthDate" label="Birth date" type="date" helperText="Leave empty to use the member profile's" slotProps={{ inputLabel: { shrink: true } }} />
    </SimpleForm>
  </Create>
);

export default {
  list: ApplicationList,
  show: ApplicationShow,
  create: ApplicationCreate,
  icon: HowToRegIcon,
  recordRepresentation: 'id',
};

