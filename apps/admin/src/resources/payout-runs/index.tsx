import type { PayoutRun, PayoutRunDetail } from '../../api';
import DownloadIcon from '@mui/icons-material/Download';
import PaymentsIcon from '@mui/icons-material/Payments';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplayIcon from '@mui/icons-material/Replay';
import { Alert, Box, Button, Card, CardContent, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Create,
  DataTable,
  List,
  Pagination,
  ReferenceManyField,
  SaveButton,
  SelectInput,
  Show,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  required,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRedirect,
} from 'react-admin';
import { IfCan, useAction } from '../../components/actions';
import { exporterOf } from '../../components/exporter';
import { payoutRunCsv } from './csv';
import { ApprovalWarnings } from './ApprovalWarnings';
import { ApproveRunButton } from './ApproveRunButton';
import { Fact, Facts, Progress, StatusChip } from '../../components/fields';
import { ListActions, choices } from '../../components/lists';
import { formatUtc, previousPeriod, validPeriod } from '../../dates';
import { isFinalRun, RUN_STATUSES } from '@libs/payouts/src/payout-rules';
import { formatMicros } from '../../money';
import { formatCount } from '../../numbers';
import { Breakdown } from '../../components/Breakdown';
import { StatementColumns } from '../statements';
import { MarkPaidButton } from './mark-paid';
import { SettlementTab } from './settlement';
import { StoryEarningColumns } from '../story-earnings';
import { ParameterValues } from '../earnings-parameters';

export { RUN_STATUSES };

export type { PayoutRun };

export const isWorking = (status?: string) => status === 'queued' || status === 'running';

const payoutRunExporter = exporterOf(payoutRunCsv);

const filters = [
  <SelectInput key="status" source="status" choices={choices(RUN_STATUSES)} alwaysOn />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" alwaysOn />,
];

export const RunProgress = ({ run }: { run: PayoutRun }) =>
  isWorking(run.status) || run.status === 'failed' ? (
    <Progress value={run.progress ?? 0} label={`run ${run.period} progress`} />
  ) : (
    <StatusChip value={run.status} />
  );

const PayoutRunList = () => (
  <List
    filters={filters}
    sort={{ field: 'period', order: 'DESC' }}
    actions={<ListActions create />}
    exporter={payoutRunExporter}
    title="Payout runs"
    queryOptions={{
      refetchInterval: (q: { state: { data?: { data?: PayoutRun[] } } }) =>
        q.state.data?.data?.some((r) => isWorking(r.status)) ? 1000 : false,
    }}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="period" />
      <DataTable.Col
        source="status"
        render={(r: PayoutRun) => (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <StatusChip value={r.status} />
            {isWorking(r.status) ? <Progress value={r.progress ?? 0} /> : null}
          </Box>
        )}
      />
      <DataTable.Col source="poolMicros" label="Pool" align="right" render={(r: PayoutRun) => formatMicros(r.poolMicros)} />
      <DataTable.Col
        source="allocatedMicros"
        label="Allocated"
        disableSort
        align="right"
        render={(r: PayoutRun) => formatMicros(r.allocatedMicros)}
      />
      <DataTable.Col
        source="unallocatedMicros"
        label="Unallocated"
        disableSort
        align="right"
        render={(r: PayoutRun) => formatMicros(r.unallocatedMicros)}
      />
      <DataTable.Col
        source="referralMicros"
        label="Referrals"
        disableSort
        align="right"
        render={(r: PayoutRun) => formatMicros(r.referralMicros)}
      />
      <DataTable.Col
        source="queuedAt"
        label="Started"
        render={(r: PayoutRun) => `${formatUtc(r.queuedAt)} by ${r.startedByEmail ?? 'scheduler'}`}
      />
      <DataTable.Col source="computedAt" label="Computed" render={(r: PayoutRun) => formatUtc(r.computedAt)} />
    </DataTable>
  </List>
);

/** Start a run: 202 with the queued run, then its page shows the progress live. */
const PayoutRunCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      title="Start a payout run"
      mutationOptions={{
        onSuccess: (run: PayoutRun) => {
          notify(`Run ${run.period} queued (attempt ${run.attempt})`, { type: 'success' });
          redirect('show', 'payout-runs', run.id);
        },
      }}
    >
      <SimpleForm
        defaultValues={{ period: previousPeriod() }}
        toolbar={
          <Toolbar>
            <SaveButton label="Start the run" alwaysEnable />
          </Toolbar>
        }
      >
        <Typography variant="body2" color="text.secondary">
          Computes the earnings of a closed month. A computed or failed run of the period is replaced; an approved one cannot be.
        </Typography>
        <TextInput source="period" label="Period (YYYY-MM)" validate={[required(), validPeriod]} />
      </SimpleForm>
    </Create>
  );
};

const PayoutFileButton = () => {
  const run = useRecordContext<PayoutRun>();
  const { run: act, pending } = useAction();
  if (!run || !isFinalRun(run.status)) return null;
  return (
    <IfCan resource="payout-runs" action="payout-file">
      <Button startIcon={<DownloadIcon />} disabled={pending} onClick={() => act((dp) => dp.downloadPayoutFile(run.id, run.period))}>
        Payout file
      </Button>
    </IfCan>
  );
};

const RecomputeButton = () => {
  const run = useRecordContext<PayoutRun>();
  const { run: act, pending } = useAction();
  if (!run || !['computed', 'failed'].includes(run.status)) return null;
  return (
    <IfCan resource="payout-runs" action="create">
      <Button
        startIcon={run.status === 'failed' ? <ReplayIcon /> : <PlayArrowIcon />}
        disabled={pending}
        onClick={() => act((dp) => dp.startPayoutRun(run.period), `Run ${run.period} queued again`)}
      >
        {run.status === 'failed' ? 'Retry' : 'Recompute'}
      </Button>
    </IfCan>
  );
};

const Totals = ({ run }: { run: PayoutRun }) => (
  <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'flex-start', mb: 2 }}>
    {run.poolMicros !== null ? (
      <Breakdown
        maxWidth={360}
        wholeFirst
        parts={[
          { label: 'Allocated to stories', micros: run.allocatedMicros },
          { label: 'Unallocated', micros: run.unallocatedMicros },
        ]}
        whole={{ label: 'Pool', micros: run.poolMicros }}
      />
    ) : null}
    <Facts>
      <Fact label="Referral credits">{formatMicros(run.referralMicros)}</Fact>
      <Fact label="Members contributing">{formatCount(run.memberCount)}</Fact>
      <Fact label="Member–author pairs">{formatCount(run.pairCount)}</Fact>
    </Facts>
  </Box>
);

const RunSummary = ({ run }: { run: PayoutRun }) => (
  <>
    <Facts>
      <Fact label="Period">{run.period}</Fact>
      <Fact label="Status">
        <span data-testid="run-status">
          <StatusChip value={run.status} />
        </span>
      </Fact>
      <Fact label="Attempt">{run.attempt}</Fact>
      <Fact label="Parameters">version {run.paramsVersion}</Fact>
    </Facts>
    {isWorking(run.status) ? (
      <Box sx={{ maxWidth: 480, mb: 2 }}>
        <Typography variant="body2" gutterBottom>
          {run.status === 'queued' ? 'Waiting for a worker…' : 'Computing…'}
        </Typography>
        <Progress value={run.progress ?? 0} label={`run ${run.period} progress`} />
      </Box>
    ) : null}
    {run.status === 'failed' ? (
      <Alert severity="error" sx={{ mb: 2 }}>
        The run failed: {run.error ?? 'unknown error'}
      </Alert>
    ) : null}
    <Typography variant="h6">Totals</Typography>
    {isWorking(run.status) ? <Typography color="text.secondary">Available when the run is computed.</Typography> : <Totals run={run} />}
    <Typography variant="h6">History</Typography>
    <Facts>
      <Fact label="Queued">
        {formatUtc(run.queuedAt)} by {run.startedByEmail ?? 'the scheduler'}
      </Fact>
      <Fact label="Started">{formatUtc(run.startedAt)}</Fact>
      <Fact label="Computed">{formatUtc(run.computedAt)}</Fact>
      <Fact label="Approved">{run.approvedAt ? `${formatUtc(run.approvedAt)} by ${run.approvedByEmail ?? '—'}` : '—'}</Fact>
      <Fact label="Paid">{formatUtc(run.paidAt)}</Fact>
    </Facts>
  </>
);

const RunDetail = () => {
  const run = useRecordContext<PayoutRunDetail>();
  const [tab, setTab] = useState(0);
  const { canAccess: canSettle } = useCanAccess({ resource: 'payout-runs', action: 'settlement' });
  if (!run) return null;
  const settles = isFinalRun(run.status) && !!canSettle;
  const done = !isWorking(run.status) && run.status !== 'failed';
  return (
    <>
      {run.status === 'computed' ? <ApprovalWarnings warnings={run.approvalWarnings ?? []} period={run.period} /> : null}
      <Card>
        <Tabs value={tab} onChange={(_, v) => setTab(v)} sx={{ px: 2 }}>
          <Tab label="Summary" />
          <Tab label="Statements" disabled={!done} />
          <Tab label="Story earnings" disabled={!done} />
          <Tab label="Parameters" />
          {settles ? <Tab label="Settlement" /> : null}
        </Tabs>
        <CardContent>
          {tab === 0 ? <RunSummary run={run} /> : null}
          {tab === 1 && done ? (
            <ReferenceManyField
              key={`${run.id}-${run.attempt}`}
              reference="statements"
              target="runId"
              sort={{ field: 'balanceMicros', order: 'DESC' }}
              perPage={25}
              pagination={<Pagination />}
            >
              <StatementColumns withPeriod={false} />
            </ReferenceManyField>
          ) : null}
          {tab === 2 && done ? (
            <ReferenceManyField
              key={`${run.id}-${run.attempt}`}
              reference="story-earnings"
              target="runId"
              sort={{ field: 'earningsMicros', order: 'DESC' }}
              perPage={25}
              pagination={<Pagination />}
            >
              <StoryEarningColumns withPeriod={false} />
            </ReferenceManyField>
          ) : null}
          {tab === 3 ? <ParameterValues params={run.params} /> : null}
          {tab === 4 && settles ? <SettlementTab run={run} /> : null}
        </CardContent>
      </Card>
    </>
  );
};

const PayoutRunShow = () => (
  <Show
    component="div"
    title="Payout run"
    queryOptions={{ refetchInterval: (q: { state: { data?: PayoutRun } }) => (isWorking(q.state.data?.status) ? 1000 : false) }}
    actions={
      <TopToolbar sx={{ gap: 1 }}>
        <RecomputeButton />
        <PayoutFileButton />
        <MarkPaidButton />
        <ApproveRunButton />
      </TopToolbar>
    }
  >
    <RunDetail />
  </Show>
);

export default { list: PayoutRunList, show: PayoutRunShow, create: PayoutRunCreate, icon: PaymentsIcon, recordRepresentation: 'period' };
