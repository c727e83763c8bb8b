import HistoryIcon from '@mui/icons-material/History';
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { DataTable, List, SearchInput, TextInput, useRecordContext } from 'react-admin';
import { Link } from 'react-router-dom';
import { auditChanges } from '@libs/core/src/audit/audit-diff';
import { formatParameter, parameterField } from '@libs/payouts/src/earnings-parameter-fields';
import { exporterOf } from '../../components/exporter';
import { auditCsv } from './csv';
import { ListActions, dateRangeFilters } from '../../components/lists';
import { formatUtc } from '../../dates';
import { fieldLabel } from '../../labels';
import type { AuditEntry } from '../../api';

const auditExporter = exporterOf(auditCsv);

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Action, entity id, actor, reason" />,
  <TextInput key="actorEmail" source="actorEmail" label="Actor (part of the email)" alwaysOn />,
  <TextInput key="action" source="action" label="Action (part of it, e.g. approve)" alwaysOn />,
  <TextInput key="entityType" source="entityType" label="Entity type" />,
  <TextInput key="entityId" source="entityId" label="Entity id" />,
  ...dateRangeFilters('at', 'At'),
];

/** Each entity type's page in the console (its show page, or its edit page where there is none). */
const ENTITY_PAGES: Record<string, (id: string) => string> = {
  application: (id) => `/applications/${encodeURIComponent(id)}/show`,
  partner: (id) => `/partners/${encodeURIComponent(id)}/show`,
  country: (id) => `/countries/${encodeURIComponent(id)}`,
  nomination: (id) => `/nominations/${encodeURIComponent(id)}/show`,
  boost: (id) => `/boosts/${encodeURIComponent(id)}/show`,
  'payout-run': (id) => `/payout-runs/${encodeURIComponent(id)}/show`,
  adjustment: (id) => `/adjustments/${encodeURIComponent(id)}/show`,
  'earnings-parameters': () => '/earnings-parameters/current/show',
  ticket: (id) => `/tickets/${encodeURIComponent(id)}/show`,
  'saved-reply': (id) => `/saved-replies/${encodeURIComponent(id)}`,
  'staff-user': (id) => `/staff-users/${encodeURIComponent(id)}`,
};

export const EntityLink = ({ type, id }: { type: string; id: string }) => {
  const page = ENTITY_PAGES[type];
  return page ? (
    <Link to={page(id)} onClick={(e) => e.stopPropagation()} data-testid="entity-link">
      {id}
    </Link>
  ) : (
    <>{id}</>
  );
};

/** A value as people read it: parameters in their units, text as is, the rest as compact JSON. */
function shown(key: string, value: unknown): string {
  if (value === undefined) return '—';
  if (parameterField(key)) return formatParameter(key, value);
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}

/** Only what changed: each key with its value before → after. */
const Changes = () => {
  const r = useRecordContext<AuditEntry>();
  if (!r) return null;
  const changes = auditChanges(r.before, r.after);
  const created = r.before === null || r.before === undefined;
  return (
    <Box sx={{ p: 1 }} data-testid="audit-diff">
      <Typography variant="caption" color="text.secondary">
        {changes.length === 0
          ? 'Nothing changed.'
          : created
            ? `Created with ${changes.length} ${changes.length === 1 ? 'value' : 'values'}:`
            : `${changes.length} ${changes.length === 1 ? 'value' : 'values'} changed:`}
      </Typography>
      {changes.length ? (
        <Table size="small" sx={{ maxWidth: 960 }}>
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell>Before</TableCell>
              <TableCell>After</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {changes.map((c) => (
              <TableRow key={c.key} data-testid={`change-${c.key}`}>
                <TableCell>{fieldLabel(c.key)}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{shown(c.key, c.before)}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>→ {shown(c.key, c.after)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
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
    <DataTable rowClick="expand" expand={<Changes />} bulkActionButtons={false}>
      <DataTable.Col source="at" render={(r: AuditEntry) => formatUtc(r.at, { seconds: true })} />
      <DataTable.Col source="actorEmail" label="Actor" />
      <DataTable.Col source="action" />
      <DataTable.Col source="entityType" label="Entity type" />
      <DataTable.Col
        source="entityId"
        label="Entity"
        disableSort
        render={(r: AuditEntry) => <EntityLink type={r.entityType} id={r.entityId} />}
      />
      <DataTable.Col source="reason" disableSort />
    </DataTable>
  </List>
);

export default { list: AuditList, icon: HistoryIcon };
