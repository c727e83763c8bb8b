import RuleIcon from '@mui/icons-material/Rule';
import { Card, CardContent, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  Create,
  CreateButton,
  DataTable,
  List,
  NumberInput,
  SaveButton,
  Show,
  SimpleForm,
  Toolbar,
  TopToolbar,
  maxValue,
  minValue,
  number,
  required,
  useGetOne,
  useListContext,
  useNotify,
  useRecordContext,
  useRedirect,
} from 'react-admin';
import {
  INTEGRITY_PARAMETER_LIST,
  INTEGRITY_UNIT_HINTS,
  formatIntegrityParameter,
  type IntegrityParameterField,
} from '@libs/integrity/src/integrity-parameter-fields';
import type { IntegrityParameterSet } from '../../api';
import { IfCan } from '../../components/actions';
import { formatUtc } from '../../dates';

const RESOURCE = 'integrity-parameters';

/** Who stored a version, and when; version 0 is the detector's defaults. */
const stored = (r: IntegrityParameterSet) =>
  r.version === 0 ? 'the defaults' : `${formatUtc(r.createdAt)} by ${r.createdByEmail ?? r.createdBy ?? '—'}`;

/** What a version changed from the one before it (the list is newest first, version 0 last). */
const Changes = ({ r }: { r: IntegrityParameterSet }) => {
  const { data } = useListContext<IntegrityParameterSet>();
  const before = data?.find((o) => o.version < r.version);
  if (r.version === 0) return <>—</>;
  if (!before) return <>…</>;
  const changed = INTEGRITY_PARAMETER_LIST.filter((f) => r[f.name] !== before[f.name]);
  if (changed.length === 0) return <>no change</>;
  return (
    <>
      {changed.map((f) => (
        <div key={f.name}>
          {f.label}: {formatIntegrityParameter(f.name, before[f.name])} → {formatIntegrityParameter(f.name, r[f.name])}
        </div>
      ))}
    </>
  );
};

/** Every version of the thresholds, newest first (the first row is the one detections use now). */
const IntegrityParametersList = () => (
  <List
    title="Integrity thresholds"
    sort={{ field: 'version', order: 'DESC' }}
    actions={
      <TopToolbar>
        <IfCan resource={RESOURCE} action="create">
          <CreateButton />
        </IfCan>
      </TopToolbar>
    }
    exporter={false}
    pagination={false}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="version" disableSort />
      <DataTable.Col source="createdAt" label="Stored" disableSort render={(r: IntegrityParameterSet) => stored(r)} />
      <DataTable.Col label="What changed" disableSort render={(r: IntegrityParameterSet) => <Changes r={r} />} />
    </DataTable>
  </List>
);

const ThresholdTable = () => {
  const r = useRecordContext<IntegrityParameterSet>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Version {r.version}, {stored(r)}. Each case keeps the version its flags were computed with; a change applies to detections from
          now on.
        </Typography>
        <Table size="small" sx={{ maxWidth: 900 }} data-testid="integrity-parameters">
          <TableBody>
            {INTEGRITY_PARAMETER_LIST.map((f) => (
              <TableRow key={f.name}>
                <TableCell component="th" scope="row">
                  {f.label}
                </TableCell>
                <TableCell align="right" data-testid={`integrity-parameter-${f.name}`}>
                  {formatIntegrityParameter(f.name, r[f.name])}
                </TableCell>
                <TableCell sx={{ color: 'text.secondary' }}>{f.help}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};

const IntegrityParametersShow = () => (
  <Show
    component="div"
    title="Integrity thresholds"
    actions={
      <TopToolbar>
        <IfCan resource={RESOURCE} action="create">
          <CreateButton label="New version" />
        </IfCan>
      </TopToolbar>
    }
  >
    <ThresholdTable />
  </Show>
);

/** The stored unit, its bounds and what the typed value means ("basis points: 10,000 = 100% · now 50.00%"). */
const ThresholdInput = ({ field }: { field: IntegrityParameterField }) => {
  const value = useWatch({ name: field.name }) as unknown;
  const [min, max] = field.bounds;
  return (
    <NumberInput
      source={field.name}
      label={field.label}
      step={1}
      helperText={`${INTEGRITY_UNIT_HINTS[field.unit]}; ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${
        typeof value === 'number' ? ` · ${formatIntegrityParameter(field.name, value)}` : ''
      }`}
      validate={[required(), number(), minValue(min), maxValue(max)]}
    />
  );
};

/** Only the thresholds go to the API (the form starts from the current version's record). */
const thresholdsOf = (d: Partial<IntegrityParameterSet>) =>
  Object.fromEntries(INTEGRITY_PARAMETER_LIST.filter((f) => d[f.name] !== undefined).map((f) => [f.name, d[f.name]]));

/** A new version, starting from the current one (admins; a second-factor confirmation when it is due). */
const IntegrityParametersCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const { data: current } = useGetOne<IntegrityParameterSet>(RESOURCE, { id: 'current' });
  if (!current) return null;
  return (
    <Create
      title="New integrity thresholds"
      transform={thresholdsOf}
      mutationOptions={{
        onSuccess: (data: IntegrityParameterSet) => {
          notify(
            data.version === current.version
              ? `Nothing changed: version ${data.version} stays current`
              : `Integrity thresholds saved: version ${data.version}, for detections from now on`,
            { type: 'success' },
          );
          redirect('show', RESOURCE, data.id);
        },
      }}
    >
      <SimpleForm
        defaultValues={thresholdsOf(current)}
        toolbar={
          <Toolbar>
            <SaveButton label="Save as a new version" />
          </Toolbar>
        }
      >
        <Typography variant="body2" color="text.secondary">
          Starts from version {current.version}. Applies to detections from now on; cases already found keep the version they were computed
          with.
        </Typography>
        {INTEGRITY_PARAMETER_LIST.map((f) => (
          <ThresholdInput key={f.name} field={f} />
        ))}
      </SimpleForm>
    </Create>
  );
};

/** The detector's thresholds (issue 18), versioned like the earnings parameters. */
export default { list: IntegrityParametersList, show: IntegrityParametersShow, create: IntegrityParametersCreate, icon: RuleIcon };
