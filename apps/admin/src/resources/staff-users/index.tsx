import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import {
  BooleanInput,
  CheckboxGroupInput,
  Create,
  DataTable,
  Edit,
  List,
  NullableBooleanInput,
  PasswordInput,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextInput,
  email,
  minLength,
  required,
} from 'react-admin';
import { Chip, Stack, Typography } from '@mui/material';
import { ROLES } from '../../access';
import { ResetSecondFactorButton } from '../../auth/ResetSecondFactorButton';
import { exporterOf } from '../../components/exporter';
import { staffUserCsv } from './csv';
import { ListActions, choices } from '../../components/lists';
import { formatUtc } from '../../dates';
import type { StaffUser } from '../../api';

const staffUserExporter = exporterOf(staffUserCsv);

const ROLE_HELP: Record<string, string> = {
  admin: 'everything, plus staff accounts, countries, earnings parameters',
  reviewer: 'applications and partners',
  curator: 'nominations and boosts',
  support: 'tickets, explanations, statements, referrals',
  finance: 'payout runs, adjustments, statements, referrals',
  integrity: 'integrity cases: gamed reading (rings, farms, concentration)',
};
const roleChoices = ROLES.map((r) => ({ id: r, name: `${r} (${ROLE_HELP[r]})` }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Email or name" />,
  <SelectInput key="role" source="role" choices={choices(ROLES)} alwaysOn />,
  <NullableBooleanInput key="disabled" source="disabled" />,
];

const Roles = ({ roles }: { roles: string[] }) => (
  <Stack direction="row" spacing={0.5}>
    {roles.map((r) => (
      <Chip key={r} size="small" label={r} color={r === 'admin' ? 'secondary' : 'default'} />
    ))}
  </Stack>
);

const StaffList = () => (
  <List
    filters={filters}
    sort={{ field: 'email', order: 'ASC' }}
    actions={<ListActions create />}
    exporter={staffUserExporter}
    title="Staff accounts"
  >
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="email" />
      <DataTable.Col source="name" />
      <DataTable.Col source="roles" disableSort render={(r: StaffUser) => <Roles roles={r.roles} />} />
      <DataTable.Col
        source="disabled"
        render={(r: StaffUser) => (r.disabled ? <Chip size="small" color="error" label="disabled" /> : '')}
      />
      <DataTable.Col source="createdAt" label="Created" render={(r: StaffUser) => formatUtc(r.createdAt)} />
    </DataTable>
  </List>
);

const StaffEdit = () => (
  <Edit
    mutationMode="pessimistic"
    title="Staff account"
    transform={({ name, roles, disabled, password }: StaffUser & { password?: string }) => ({
      name,
      roles,
      disabled,
      ...(password ? { password } : {}),
    })}
  >
    <SimpleForm>
      <TextInput source="email" disabled />
      <TextInput source="name" validate={required()} />
      <CheckboxGroupInput source="roles" choices={roleChoices} row={false} validate={required('At least one role')} />
      <BooleanInput
        source="disabled"
        helperText="A disabled account cannot sign in; accounts are never deleted (the audit log refers to them)."
      />
      <PasswordInput source="password" label="New password (optional)" validate={minLength(10)} autoComplete="new-password" />
      <Typography variant="caption" color="text.secondary">
        Changes are recorded in the audit log.
      </Typography>
      <ResetSecondFactorButton />
    </SimpleForm>
  </Edit>
);

const StaffCreate = () => (
  <Create redirect="list" title="New staff account">
    <SimpleForm defaultValues={{ roles: [] }}>
      <TextInput source="email" validate={[required(), email()]} />
      <TextInput source="name" validate={required()} />
      <CheckboxGroupInput source="roles" choices={roleChoices} row={false} validate={required('At least one role')} />
      <PasswordInput source="password" validate={[required(), minLength(10)]} autoComplete="new-password" />
    </SimpleForm>
  </Create>
);

export default { list: StaffList, edit: StaffEdit, create: StaffCreate, icon: AccountBalanceIcon, recordRepresentation: 'email' };
