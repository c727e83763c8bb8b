import FlagIcon from '@mui/icons-material/Flag';
import {
  BooleanInput,
  Create,
  DataTable,
  DeleteButton,
  Edit,
  List,
  NullableBooleanInput,
  SaveButton,
  SearchInput,
  SimpleForm,
  TextInput,
  Toolbar,
  regex,
  required,
  useCanAccess,
} from 'react-admin';
import { exporterOf } from '../../components/exporter';
import { countryCsv } from './csv';
import { YesNo } from '../../components/fields';
import { ListActions } from '../../components/lists';
import { formatDay } from '../../dates';
import type { Country } from '../../api';

const countryExporter = exporterOf(countryCsv);

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Code or name" />,
  <NullableBooleanInput key="payable" source="payable" alwaysOn />,
  <TextInput key="dateAdded_gte" source="dateAdded_gte" label="Added from" type="date" slotProps={{ inputLabel: { shrink: true } }} />,
  <TextInput key="dateAdded_lte" source="dateAdded_lte" label="Added to" type="date" slotProps={{ inputLabel: { shrink: true } }} />,
];

const CountryList = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'countries', action: 'edit' });
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      actions={<ListActions create />}
      exporter={countryExporter}
      title="Supported countries"
      perPage={25}
    >
      <DataTable rowClick={canEdit ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="payable" render={(r: Country) => <YesNo value={r.payable} />} />
        <DataTable.Col source="dateAdded" label="Added" render={(r: Country) => formatDay(r.dateAdded)} />
      </DataTable>
    </List>
  );
};

const CountryToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteButton mutationMode="pessimistic" confirmTitle="Remove this country from the supported list?" />
  </Toolbar>
);

const dateInput = (
  <TextInput source="dateAdded" label="Date added" type="date" slotProps={{ inputLabel: { shrink: true } }} helperText="A calendar date" />
);

/** Only admins edit the list (the API refuses the others); everyone else can read it. */
const CountryEdit = () => (
  <Edit mutationMode="pessimistic" title="Country" transform={({ name, payable, dateAdded }: Country) => ({ name, payable, dateAdded })}>
    <SimpleForm toolbar={<CountryToolbar />}>
      <TextInput source="code" disabled />
      <TextInput source="name" validate={required()} />
      <BooleanInput source="payable" helperText="Applicants from a supported but unpayable country fail the country check" />
      {dateInput}
    </SimpleForm>
  </Edit>
);

const CountryCreate = () => (
  <Create
    redirect="list"
    title="Add a country"
    transform={(d: Country) => ({ ...d, code: d.code?.toUpperCase(), dateAdded: d.dateAdded || undefined })}
  >
    <SimpleForm defaultValues={{ payable: true }}>
      <TextInput source="code" label="ISO 3166-1 alpha-2 code" validate={[required(), regex(/^[A-Za-z]{2}$/, 'Two letters, e.g. FR')]} />
      <TextInput source="name" validate={required()} />
      <BooleanInput source="payable" />
      {dateInput}
    </SimpleForm>
  </Create>
);

export default { list: CountryList, edit: CountryEdit, create: CountryCreate, icon: FlagIcon, recordRepresentation: 'name' };
