import { Chip, Stack } from '@mui/material';
import { DataTable, List, NullableBooleanInput, SearchInput, SelectInput, TextInput } from 'react-admin';
import { StatusChip } from '../../components/fields';
import { ListActions, choices } from '../../components/lists';
import { formatMicros } from '../../money';
import { formatCount } from '../../numbers';
import { CASE_KINDS, CASE_STATUSES, SIGNALS, type IntegrityCase } from './constants';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Author id or name" />,
  <SelectInput key="status" source="status" choices={choices(CASE_STATUSES)} alwaysOn />,
  <SelectInput key="signal" source="signal" choices={choices(SIGNALS)} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={choices(CASE_KINDS)} />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" />,
  <TextInput key="authorId" source="authorId" label="Author (member id)" />,
  <NullableBooleanInput key="claimed" source="claimed" label="Being reviewed" />,
];

/** Money at stake is null until the stakes job computed it (after detection): said so, never a guess. */
export const MoneyAtStake = ({ value }: { value: string | null }) => <>{value === null ? 'not computed yet' : formatMicros(value)}</>;

/** The integrity queue: highest score first; open cases by default. */
export const IntegrityCaseList = () => (
  <List
    filters={filters}
    filterDefaultValues={{ status: 'open' }}
    sort={{ field: 'score', order: 'DESC' }}
    actions={<ListActions />}
    title="Integrity cases"
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col
        source="authorName"
        label="Author / ring"
        render={(r: IntegrityCase) => `${r.authorName} (${r.authorId})${r.kind === 'ring' ? ' · ring' : ''}`}
      />
      <DataTable.Col
        source="signals"
        disableSort
        render={(r: IntegrityCase) => (
          <Stack direction="row" spacing={0.5}>
            {(r.signals ?? []).map((s) => (
              <Chip key={s} size="small" label={s} />
            ))}
          </Stack>
        )}
      />
      <DataTable.NumberCol source="score" />
      <DataTable.Col source="period" />
      <DataTable.Col source="memberCount" label="Members" render={(r: IntegrityCase) => formatCount(r.memberCount)} />
      <DataTable.Col source="sessionCount" label="Sessions" render={(r: IntegrityCase) => formatCount(r.sessionCount)} />
      <DataTable.Col
        source="moneyAtStakeMicros"
        label="Money at stake"
        render={(r: IntegrityCase) => <MoneyAtStake value={r.moneyAtStakeMicros} />}
      />
      <DataTable.Col
        source="stakeGainers"
        label="Writers who gain"
        render={(r: IntegrityCase) => (r.stakeGainers === null ? '' : formatCount(r.stakeGainers))}
      />
      <DataTable.Col source="status" render={(r: IntegrityCase) => <StatusChip value={r.status} />} />
      <DataTable.Col source="claimedByEmail" label="Being reviewed by" disableSort />
    </DataTable>
  </List>
);
