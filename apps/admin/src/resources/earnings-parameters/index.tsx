import TuneIcon from '@mui/icons-material/Tune';
import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  EditButton,
  Edit,
  NumberInput,
  Show,
  SimpleForm,
  TextInput,
  TopToolbar,
  useRecordContext,
  required,
  minValue,
  maxValue,
  number,
} from 'react-admin';
import { humanize } from '../../components/fields';
import { dataProvider } from '../../dataProvider';
import { formatUtc } from '../../dates';

interface ParameterSet {
  id: string;
  version: number;
  params: Record<string, number | string>;
  createdAt: string | null;
  createdBy: string | null;
}

/** The *param* values of the earnings rules with their bounds (UpdateEarningsParametersDto). */
const PARAMS: Array<{ name: string; min: number; max: number; unit?: string }> = [
  { name: 'writerShareBps', min: 0, max: 10000, unit: 'bps' },
  { name: 'qualifiedReadSeconds', min: 0, max: 86400, unit: 's' },
  { name: 'sessionCapSeconds', min: 1, max: 86400, unit: 's' },
  { name: 'readRatioOffsetBps', min: 0, max: 1000000, unit: 'bps' },
  { name: 'readRatioMinBps', min: 1, max: 1000000, unit: 'bps' },
  { name: 'readRatioMaxBps', min: 1, max: 1000000, unit: 'bps' },
  { name: 'clapPoints', min: 0, max: 100000 },
  { name: 'highlightPoints', min: 0, max: 100000 },
  { name: 'replyPoints', min: 0, max: 100000 },
  { name: 'newFollowPoints', min: 0, max: 100000 },
  { name: 'followerBps', min: 1, max: 1000000, unit: 'bps' },
  { name: 'boostBps', min: 1, max: 1000000, unit: 'bps' },
  { name: 'referralShareBps', min: 0, max: 10000, unit: 'bps' },
  { name: 'minPayoutCents', min: 0, max: 1000000, unit: '¢' },
  { name: 'forfeitAfterDays', min: 1, max: 3650, unit: 'days' },
  { name: 'boostDays', min: 1, max: 365, unit: 'days' },
  { name: 'shards', min: 1, max: 256 },
];

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
      {rows.length === 0 ? <Typography color="text.secondary">Defaults, never changed.</Typography> : null}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Version</TableCell>
            <TableCell>From</TableCell>
            <TableCell>Changed values</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, i) => {
            const previous = rows[i + 1]?.params;
            const changed = Object.entries(r.params).filter(([k, v]) => !previous || previous[k] !== v);
            return (
              <TableRow key={r.version}>
                <TableCell>{r.version}</TableCell>
                <TableCell>{formatUtc(r.createdAt)}</TableCell>
                <TableCell>
                  {previous ? changed.map(([k, v]) => `${k}: ${previous[k]} → ${v}`).join('; ') || 'no change' : 'first stored set'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
};

const ParameterTable = () => {
  const r = useRecordContext<ParameterSet>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Version {r.version}
          {r.createdAt ? `, since ${formatUtc(r.createdAt)}` : ' (defaults)'}. Runs keep the set they were started with.
        </Typography>
        <Table size="small" sx={{ maxWidth: 560 }}>
          <TableBody>
            {PARAMS.map((p) => (
              <TableRow key={p.name}>
                <TableCell>{humanize(p.name)}</TableCell>
                <TableCell align="right">
                  {String(r.params[p.name])} {p.unit ?? ''}
                </TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell>referral cutoff</TableCell>
              <TableCell align="right">{formatUtc(String(r.params.referralCutoff))}</TableCell>
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

const ParametersEdit = () => (
  <Edit
    title="Change the earnings parameters"
    mutationMode="pessimistic"
    redirect="show"
    transform={(d: ParameterSet) =>
      Object.fromEntries(Object.entries(d.params).filter(([k]) => PARAMS.some((p) => p.name === k) || k === 'referralCutoff'))
    }
  >
    <SimpleForm>
      <Typography variant="body2" color="text.secondary">
        Applies to runs started from now on; each run keeps the set it used.
      </Typography>
      {PARAMS.map((p) => (
        <NumberInput
          key={p.name}
          source={`params.${p.name}`}
          label={`${humanize(p.name)}${p.unit ? ` (${p.unit})` : ''}`}
          step={1}
          validate={[required(), number(), minValue(p.min), maxValue(p.max)]}
        />
      ))}
      <TextInput source="params.referralCutoff" label="Referral cutoff (ISO 8601, UTC)" validate={required()} />
    </SimpleForm>
  </Edit>
);

export default { show: ParametersShow, edit: ParametersEdit, icon: TuneIcon };
