import TuneOutlinedIcon from '@mui/icons-material/TuneOutlined';
import { Card, CardContent, Typography } from '@mui/material';
import { Create, DataTable, List, SearchInput, Show, SimpleForm, TextInput, required, useRecordContext, minLength } from 'react-admin';
import { csvExporter } from '../../components/exporter';
import { Fact, Facts } from '../../components/fields';
import { ListActions } from '../../components/lists';
import { formatUtc, previousPeriod, validPeriod } from '../../dates';
import { formatMicros, parseDollars } from '../../money';
import type { Adjustment } from '../../api';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Reason or author id" />,
  <TextInput key="authorId" source="authorId" label="Author (member id)" alwaysOn />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" />,
];

const AdjustmentList = () => (
  <List
    filters={filters}
    sort={{ field: 'createdAt', order: 'DESC' }}
    actions={<ListActions create />}
    exporter={csvExporter}
    title="Adjustments"
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt" label="Added" render={(r: Adjustment) => formatUtc(r.createdAt)} />
      <DataTable.Col source="authorId" label="Author" render={(r: Adjustment) => `${r.authorName} (${r.authorId})`} />
      <DataTable.Col source="period" />
      <DataTable.Col
        source="amountMicros"
        label="Amount"
        align="right"
        render={(r: Adjustment) => formatMicros(r.amountMicros, { signed: true })}
      />
      <DataTable.Col source="reason" disableSort />
      <DataTable.Col source="createdByEmail" label="By" disableSort />
    </DataTable>
  </List>
);

const AdjustmentDetail = () => {
  const r = useRecordContext<Adjustment>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Facts>
          <Fact label="Author">
            {r.authorName} ({r.authorId})
          </Fact>
          <Fact label="Period">{r.period}</Fact>
          <Fact label="Amount">{formatMicros(r.amountMicros, { signed: true })}</Fact>
          <Fact label="Reason">{r.reason}</Fact>
          <Fact label="Added">
            {formatUtc(r.createdAt)} by {r.createdByEmail ?? '—'}
          </Fact>
        </Facts>
      </CardContent>
    </Card>
  );
};

const AdjustmentShow = () => (
  <Show component="div" title="Adjustment">
    <AdjustmentDetail />
  </Show>
);

const validAmount = (v: string) => {
  if (!v) return undefined;
  const micros = parseDollars(v);
  if (micros === null) return 'An amount in dollars, e.g. -12.50 (at most 6 decimals)';
  if (micros === 0n) return 'Must not be zero';
  if (micros > BigInt(Number.MAX_SAFE_INTEGER) || micros < -BigInt(Number.MAX_SAFE_INTEGER)) return 'Too large';
  return undefined;
};

/** The amount is typed in dollars and sent as exact integer micro-dollars. */
const AdjustmentCreate = () => (
  <Create
    redirect="list"
    title="Add an adjustment"
    transform={(d: { authorId: string; period: string; amount: string; reason: string }) => ({
      authorId: d.authorId.trim(),
      period: d.period,
      amountMicros: Number(parseDollars(d.amount)),
      reason: d.reason,
    })}
  >
    <SimpleForm defaultValues={{ period: previousPeriod() }}>
      <Typography variant="body2" color="text.secondary">
        A manual line on the author's statement for a period whose run is not approved yet. Negative amounts correct earnings.
      </Typography>
      <TextInput source="authorId" label="Author (member id)" validate={required()} />
      <TextInput source="period" label="Period (YYYY-MM)" validate={[required(), validPeriod]} />
      <TextInput source="amount" label="Amount (US dollars)" validate={[required(), validAmount]} helperText="e.g. 25.00 or -3.10" />
      <TextInput source="reason" multiline validate={[required(), minLength(3)]} />
    </SimpleForm>
  </Create>
);

export default { list: AdjustmentList, show: AdjustmentShow, create: AdjustmentCreate, icon: TuneOutlinedIcon };
