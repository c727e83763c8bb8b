import HistoryIcon from '@mui/icons-material/History';
import { Box, Typography } from '@mui/material';
import { DataTable, List, SearchInput, TextInput, useRecordContext } from 'react-admin';
import { exporterOf } from '../../components/exporter';
import { auditCsv } from './csv';
import { JsonBlock } from '../../components/fields';
import { ListActions, dateRangeFilters } from '../../components/lists';
import { formatUtc } from '../../dates';

const auditExporter = exporterOf(auditCsv);

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Action, entity id, actor, reason" />,
  <TextInput key="actorEmail" source="actorEmail" label="Actor (email)" alwaysOn />,
  <TextInput key="action" source="action" label="Action (e.g. application.approve)" alwaysOn />,
  <TextInput key="entityType" source="entityType" label="Entity type" />,
  <TextInput key="entityId" source="entityId" label="Entity id" />,
  ...dateRangeFilters('at', 'At'),
];

const BeforeAfter = () => {
  const r = useRecordContext<AuditEntry>();
  if (!r) return null;
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', p: 1 }}>
      <Box>
        <Typography variant="caption">Before</Typography>
        <JsonBlock value={r.before} />
      </Box>
      <Box>
        <Typography variant="caption">After</Typography>
        <JsonBlock value={r.after} />
      </Box>
    </Box>
  );
};

/** Append-only: nobody edits it, admins browse it. */
const AuditList = () => (
  <List
    filters={filters}
    sort={{ field: 'at', order: 'DESC' }}
    actions={<ListActions />}
    exporter={auditExporter}
    title="Audit log"
    perPage={25}
  >
    <DataTable rowClick="expand" expand={<BeforeAfter />} bulkActionButtons={false}>
      <DataTable.Col source="at" render={(r: AuditEntry) => formatUtc(r.at, { seconds: true })} />
      <DataTable.Col source="actorEmail" label="Actor" />
      <DataTable.Col source="action" />
      <DataTable.Col source="entityType" label="Entity type" />
      <DataTable.Col source="entityId" label="Entity" disableSort />
      <DataTable.Col source="reason" disableSort />
    </DataTable>
  </List>
);

export default { list: AuditList, icon: HistoryIcon };
