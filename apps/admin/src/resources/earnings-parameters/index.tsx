import TuneIcon from '@mui/icons-material/Tune';
import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { Navigate } from 'react-router-dom';
import {
  EditButton,
  Edit,
  NumberInput,
  SaveButton,
  Show,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRedirect,
  required,
  minValue,
  maxValue,
  number,
} from 'react-admin';
import {
  PARAMETER_FIELDS,
  REFERRAL_CUTOFF_LABEL,
  UNIT_HINTS,
  formatParameter,
  parameterLabel,
  type ParameterField,
} from '@libs/payouts/src/earnings-parameter-fields';
import { dataProvider } from '../../dataProvider';
import { formatUtc } from '../../dates';
import type { ParameterSet } from '../../api';
import { SimulateChangeButton } from '../simulations/SimulateChangeButton';

/** A value of the set as people read it (the referral cutoff is a date). */
const shown = (field: string, value: unknown) => (field === 'referralCutoff' ? formatUtc(String(value)) : formatParameter(field, value));

/** Who stored a version, and when. */
const storedBy = (r: ParameterSet) =>
  r.createdByName || r.createdByEmail ? `${r.createdByName ?? ''}${r.createdByEmail ? ` (${r.createdByEmail})` : ''}`.trim() : '—';

const History = () => {
  const [rows, setRows] = useState<ParameterSet[] | null>(null);
  useEffect(() => {
    dataProvider.fetchJson<ParameterSet[]>('earnings-parameters').then(
      ({ data }) => setRows(data),
      () => setRows([]),
    );
  }, []);
  if (!rows) return null;
  return (
    <>
      <Typography variant="h6" sx={{ mt: 3 }}>
        History
      </Typography>
      {rows.length === 0 ? <Typography color="text.secondary">The defaults of the earnings model, never changed.</Typography> : null}
      <Table size="small" data-testid="parameter-history">
        <TableHead>
          <TableRow>
            <TableCell>Version</TableCell>
            <TableCell>When</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>What changed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.version}>
              <TableCell>{r.version}</TableCell>
              <TableCell>{formatUtc(r.createdAt)}</TableCell>
              <TableCell>{storedBy(r)}</TableCell>
              <TableCell>
                {r.changes?.length
                  ? r.changes.map((c) => (
                      <div key={c.field}>
                        {parameterLabel(c.field)}: {shown(c.field, c.from)} → {shown(c.field, c.to)}
                      </div>
                    ))
                  : 'no change'}
                {r.version === rows[rows.length - 1]?.version ? (
                  <Typography variant="caption" color="text.secondary">
                    (compared with the defaults)
                  </Typography>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};

/** A stored set's values in words (a run's parameters): the fields this console knows, in their order. */
export const ParameterValues = ({ params }: { params: Record<string, unknown> }) => (
  <Table size="small" sx={{ maxWidth: 560 }} data-testid="run-parameters">
    <TableBody>
      {PARAMETER_FIELDS.filter((p) => params[p.name] !== undefined).map((p) => (
        <TableRow key={p.name}>
          <TableCell component="th" scope="row">
            {p.label}
          </TableCell>
          <TableCell align="right">{formatParameter(p.name, params[p.name])}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

const ParameterTable = () => {
  const r = useRecordContext<ParameterSet>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Version {r.version}
          {r.createdAt ? `, since ${formatUtc(r.createdAt)}` : ' (the defaults)'}. Runs keep the set they were started with.
        </Typography>
        <Table size="small" sx={{ maxWidth: 760 }} data-testid="parameters">
          <TableBody>
            {PARAMETER_FIELDS.map((p) => (
              <TableRow key={p.name}>
                <TableCell component="th" scope="row">
                  {p.label}
                </TableCell>
                <TableCell align="right" data-testid={`parameter-${p.name}`}>
                  {formatParameter(p.name, r.params[p.name])}
                </TableCell>
                <TableCell sx={{ color: 'text.secondary' }}>{p.help}</TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell component="th" scope="row">
                {REFERRAL_CUTOFF_LABEL}
              </TableCell>
              <TableCell align="right">{formatUtc(String(r.params.referralCutoff))}</TableCell>
              <TableCell sx={{ color: 'text.secondary' }}>a fixed fact of the program: no referral after it counts</TableCell>
            </TableRow>
          </TableBody>
        </Table>
        <History />
      </CardContent>
    </Card>
  );
};

const ParametersShow = () => (
  <Show
    component="div"
    title="Earnings parameters"
    actions={
      <TopToolbar>
        <EditButton label="Change" />
      </TopToolbar>
    }
  >
    <ParameterTable />
  </Show>
);

/** `/#/earnings-parameters` has no list: there is one current set (its history is on its page). */
const ParametersList = () => <Navigate to="/earnings-parameters/current/show" replace />;

/** The stored unit and what the typed value means ("basis points: 10,000 = 100% · now 50.00%"). */
const ParameterInput = ({ field }: { field: ParameterField }) => {
  const value = useWatch({ name: `params.${field.name}` }) as unknown;
  const [min, max] = field.bounds;
  return (
    <NumberInput
      source={`params.${field.name}`}
      label={field.label}
      step={1}
      helperText={`${UNIT_HINTS[field.unit]}; ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${
        typeof value === 'number' ? ` · ${formatParameter(field.name, value)}` : ''
      }`}
      validate={[required(), number(), minValue(min), maxValue(max)]}
    />
  );
};

/** A parameter set is never deleted (each run keeps its own copy): Save, or first simulate the change. */
const SaveOnly = () => (
  <Toolbar>
    <SaveButton label="Save the new parameters" />
    <SimulateChangeButton />
  </Toolbar>
);

const ParametersEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      title="Change the earnings parameters"
      mutationMode="pessimistic"
      mutationOptions={{
        onSuccess: (data: ParameterSet) => {
          notify(`Earnings parameters saved: version ${data.version}, for runs started from now on`, { type: 'success' });
          redirect('show', 'earnings-parameters', 'current');
        },
      }}
      transform={(d: ParameterSet) =>
        Object.fromEntries(Object.entries(d.params).filter(([k]) => PARAMETER_FIELDS.some((p) => p.name === k) || k === 'referralCutoff'))
      }
    >
      <SimpleForm toolbar={<SaveOnly />}>
        <Typography variant="body2" color="text.secondary">
          Applies to runs started from now on; each run keeps the set it used.
        </Typography>
        {PARAMETER_FIELDS.map((p) => (
          <ParameterInput key={p.name} field={p} />
        ))}
        <TextInput source="params.referralCutoff" label={`${REFERRAL_CUTOFF_LABEL} (fixed)`} disabled />
      </SimpleForm>
    </Edit>
  );
};

export default { list: ParametersList, show: ParametersShow, edit: ParametersEdit, icon: TuneIcon };
