import TuneOutlinedIcon from '@mui/icons-material/TuneOutlined';
import { Card, CardContent, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import {
  Create,
  DataTable,
  List,
  SearchInput,
  Show,
  SimpleForm,
  TextInput,
  maxLength,
  minLength,
  required,
  useRecordContext,
} from 'react-admin';
import { MAX_REASON_LENGTH } from '@libs/core/src/text-limits';
import { nextPeriod } from '@libs/core/src/period/period';
import { FINAL_RUN_STATUSES } from '@libs/payouts/src/payout-rules';
import { useSavedNotice } from '../../components/saved';
import { dataProvider } from '../../dataProvider';
import { fieldLabel } from '../../labels';
import { exporterOf } from '../../components/exporter';
import { adjustmentCsv } from './csv';
import { Fact, Facts } from '../../components/fields';
import { ListActions } from '../../components/lists';
import { formatUtc, previousPeriod, validPeriod } from '../../dates';
import { formatMicros, parseDollars } from '../../money';
import type { Adjustment } from '../../api';

const adjustmentExporter = exporterOf(adjustmentCsv);

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
    exporter={adjustmentExporter}
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

/**
 * The first period adjustments may still go to: the month after the latest approved or paid
 * run (an approved or paid run's period is closed to adjustments); the last closed month when
 * no run is final yet. null while asking the API.
 */
function useFirstOpenPeriod(): string | null {
  const [period, setPeriod] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    dataProvider
      .getList<{ id: string; period: string }>('payout-runs', {
        filter: { status: [...FINAL_RUN_STATUSES] },
        sort: { field: 'period', order: 'DESC' },
        pagination: { page: 1, perPage: 1 },
      })
      .then(
        ({ data }) => live && setPeriod(data[0] ? nextPeriod(data[0].period) : previousPeriod()),
        () => live && setPeriod(previousPeriod()),
      );
    return () => {
      live = false;
    };
  }, []);
  return period;
}

/** The amount is typed in dollars and sent as exact integer micro-dollars. */
/** Fills in the first open period once it is known, unless the period was typed meanwhile. */
const DefaultPeriod = ({ period }: { period: string | null }) => {
  const { getFieldState, setValue } = useFormContext();
  useEffect(() => {
    if (period && !getFieldState('period').isDirty) setValue('period', period);
  }, [period, getFieldState, setValue]);
  return null;
};

const AdjustmentCreate = () => {
  const firstOpen = useFirstOpenPeriod();
  const saved = useSavedNotice<Adjustment>(
    'adjustments',
    (a) => `Adjustment of ${formatMicros(a.amountMicros, { signed: true })} added to ${a.authorName} (${a.authorId}) for ${a.period}`,
    'list',
  );
  return (
    <Create
      title="Add an adjustment"
      mutationOptions={saved}
      transform={(d: { authorId: string; period: string; amount: string; reason: string }) => ({
        authorId: d.authorId.trim(),
        period: d.period,
        amountMicros: Number(parseDollars(d.amount)),
        reason: d.reason,
      })}
    >
      <SimpleForm>
        <DefaultPeriod period={firstOpen} />
        <Typography variant="body2" color="text.secondary">
          A manual line on the author's statement for a period whose run is not approved yet (the first one now: {firstOpen ?? '…'}).
          Negative amounts correct earnings.
        </Typography>
        <TextInput source="authorId" label={fieldLabel('authorId')} validate={required()} />
        <TextInput
          source="period"
          label="Period (YYYY-MM)"
          validate={[required(), validPeriod]}
          helperText={firstOpen ? `${firstOpen} or later: earlier months are approved or paid` : 'Finding the first open month…'}
        />
        <TextInput source="amount" label="Amount (US dollars)" validate={[required(), validAmount]} helperText="e.g. 25.00 or -3.10" />
        <TextInput source="reason" multiline validate={[required(), minLength(3), maxLength(MAX_REASON_LENGTH)]} />
      </SimpleForm>
    </Create>
  );
};

export default { list: AdjustmentList, show: AdjustmentShow, create: AdjustmentCreate, icon: TuneOutlinedIcon };
