import CallSplitIcon from '@mui/icons-material/CallSplit';
import SavingsIcon from '@mui/icons-material/Savings';
import ShareIcon from '@mui/icons-material/Share';
import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  Show,
  TextInput,
  Link,
  Title,
  useRecordContext,
} from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { exporterOf } from '../../components/exporter';
import { creditCsv, creditTotalsCsv, referralCsv } from './csv';
import { Fact, Facts, StatusChip, YesNo, filteredListPath } from '../../components/fields';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { RequireAccess } from '../../components/RequireAccess';
import { formatUtc } from '../../dates';
import { formatMicros } from '../../money';
import { formatCount } from '../../numbers';
import type { Referral, ReferralCredit, ReferralCreditTotals } from '../../api';

const referralExporter = exporterOf(referralCsv);
const creditExporter = exporterOf(creditCsv);
const creditTotalsExporter = exporterOf(creditTotalsCsv);
/** A writer's referrals: the same columns, in a file named after the page. */
const writerReferralExporter = exporterOf(referralCsv, 'writer-referrals');

const referralFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Names, ids, page slug" />,
  <TextInput key="referrerId" source="referrerId" label="Referrer (member id)" alwaysOn />,
  <TextInput key="referredMemberId" source="referredMemberId" label="Referred member id" />,
  <SelectInput key="plan" source="plan" choices={choices(['monthly', 'annual'])} />,
  <NullableBooleanInput key="stillPaying" source="stillPaying" label="Still paying" />,
  <TextInput key="pageSlug" source="pageSlug" label="Page slug" />,
  ...dateRangeFilters('referredAt', 'Referred'),
];

const ReferralColumns = () => (
  <DataTable rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="referredAt" label="Referred" render={(r: Referral) => formatUtc(r.referredAt)} />
    <DataTable.Col source="referrerId" label="Referrer" render={(r: Referral) => `${r.referrerName ?? '—'} (${r.referrerId ?? '—'})`} />
    <DataTable.Col
      source="referredMemberId"
      label="Referred member"
      render={(r: Referral) => `${r.referredMemberName ?? '—'} (${r.referredMemberId ?? '—'})`}
    />
    <DataTable.Col source="plan" />
    <DataTable.Col source="stillPaying" label="Still active" render={(r: Referral) => <YesNo value={r.stillPaying} />} />
    <DataTable.Col
      source="creditedMicros"
      label="Credited so far"
      disableSort
      align="right"
      render={(r: Referral) => formatMicros(r.creditedMicros)}
    />
    <DataTable.Col source="pageSlug" label="Page" />
  </DataTable>
);

const ReferralList = () => (
  <List
    filters={referralFilters}
    sort={{ field: 'referredAt', order: 'DESC' }}
    actions={<ListActions />}
    exporter={referralExporter}
    title="Legacy referrals"
  >
    <ReferralColumns />
  </List>
);

const ReferralDetail = () => {
  const r = useRecordContext<Referral>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Facts>
          <Fact label="Referral">{r.id}</Fact>
          <Fact label="Referrer">
            {r.referrerName} (@{r.referrerUsername}, {r.referrerId})
          </Fact>
          <Fact label="Referred member">
            {r.referredMemberName} ({r.referredMemberId})
          </Fact>
          <Fact label="Referred">{formatUtc(r.referredAt)}</Fact>
          <Fact label="Page">/r/{r.pageSlug}</Fact>
          <Fact label="Plan">{r.plan ?? '—'}</Fact>
          <Fact label="Still active">
            <YesNo value={r.stillPaying} />
          </Fact>
          <Fact label="Credited so far">{formatMicros(r.creditedMicros)}</Fact>
        </Facts>
        <Link to={filteredListPath('referral-credits', { referralId: r.id })}>Credits of this referral</Link>
      </CardContent>
    </Card>
  );
};

const ReferralShow = () => (
  <Show component="div" title="Legacy referral">
    <ReferralDetail />
  </Show>
);

const creditFilters = [
  <TextInput key="referrerId" source="referrerId" label="Referrer (member id)" alwaysOn />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={choices(['credit', 'reversal'])} />,
  <TextInput key="referralId" source="referralId" label="Referral id" />,
  <TextInput key="referredMemberId" source="referredMemberId" label="Referred member id" />,
  <TextInput key="chargeId" source="chargeId" label="Charge id" />,
];

const CreditColumns = () => (
  <DataTable rowClick={false} bulkActionButtons={false}>
    <DataTable.Col source="period" />
    <DataTable.Col
      source="referrerId"
      label="Referrer"
      render={(r: ReferralCredit) => `${r.referrerName ?? '—'} (${r.referrerId ?? '—'})`}
    />
    <DataTable.Col source="referralId" label="Referral" />
    <DataTable.Col source="kind" render={(r: ReferralCredit) => <StatusChip value={r.kind} />} />
    <DataTable.Col
      source="amountMicros"
      label="Amount"
      align="right"
      render={(r: ReferralCredit) => formatMicros(r.amountMicros, { signed: true })}
    />
    <DataTable.Col source="chargeId" label="Charge" disableSort />
    <DataTable.Col source="plan" disableSort />
    <DataTable.Col source="createdAt" label="Credited" render={(r: ReferralCredit) => formatUtc(r.createdAt)} />
  </DataTable>
);

const CreditList = () => (
  <List
    filters={creditFilters}
    sort={{ field: 'id', order: 'DESC' }}
    actions={<ListActions />}
    exporter={creditExporter}
    title="Referral credits"
  >
    <CreditColumns />
  </List>
);

const totalsFilters = [
  <TextInput key="referrerId" source="referrerId" label="Referrer (member id)" alwaysOn />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" alwaysOn />,
  <TextInput key="referralId" source="referralId" label="Referral id" />,
];

const TotalsColumns = () => (
  <DataTable rowClick={false} bulkActionButtons={false}>
    <DataTable.Col source="period" />
    <DataTable.Col source="credits" align="right" render={(r: ReferralCreditTotals) => formatCount(r.credits)} />
    <DataTable.Col source="reversals" align="right" render={(r: ReferralCreditTotals) => formatCount(r.reversals)} />
    <DataTable.Col source="referrers" align="right" render={(r: ReferralCreditTotals) => formatCount(r.referrers)} />
    <DataTable.Col
      source="creditedMicros"
      label="Credited"
      align="right"
      render={(r: ReferralCreditTotals) => formatMicros(r.creditedMicros)}
    />
    <DataTable.Col
      source="reversedMicros"
      label="Reversed"
      align="right"
      render={(r: ReferralCreditTotals) => formatMicros(r.reversedMicros)}
    />
    <DataTable.Col source="totalMicros" label="Total" align="right" render={(r: ReferralCreditTotals) => formatMicros(r.totalMicros)} />
  </DataTable>
);

const TotalsList = () => (
  <List
    filters={totalsFilters}
    sort={{ field: 'period', order: 'DESC' }}
    actions={<ListActions />}
    exporter={creditTotalsExporter}
    title="Referral credits per month"
  >
    <TotalsColumns />
  </List>
);

/** One writer's legacy referrals, monthly totals and credits on one page. */
export const WriterReferrals = () => {
  const [params, setParams] = useSearchParams();
  const writer = params.get('writer') ?? '';
  const [draft, setDraft] = useState(writer);
  return (
    <RequireAccess resource="writer-referrals" action="list">
      <Title title="A writer's legacy referrals" />
      <Card sx={{ mt: 1 }}>
        <CardContent>
          <Box
            component="form"
            sx={{ display: 'flex', gap: 2, alignItems: 'center' }}
            onSubmit={(e) => {
              e.preventDefault();
              setParams(draft.trim() ? { writer: draft.trim() } : {});
            }}
          >
            <TextField label="Writer (member id)" name="writer" value={draft} onChange={(e) => setDraft(e.target.value)} size="small" />
            <Button type="submit" variant="contained">
              Show
            </Button>
          </Box>
          {!writer ? (
            <Typography sx={{ mt: 2 }} color="text.secondary">
              Enter the writer's member id (e.g. from a ticket) to see the referrals they made before the program closed on 2023-09-01 and
              the credits they still earn.
            </Typography>
          ) : null}
        </CardContent>
      </Card>
      {writer ? (
        <Box key={writer}>
          <Typography variant="h6" sx={{ mt: 2 }}>
            Referrals made by {writer}
          </Typography>
          <List
            resource="referrals"
            filter={{ referrerId: writer }}
            sort={{ field: 'referredAt', order: 'DESC' }}
            disableSyncWithLocation
            perPage={10}
            actions={false}
            exporter={writerReferralExporter}
            title={false}
          >
            <ReferralColumns />
          </List>
          <Typography variant="h6" sx={{ mt: 2 }}>
            Credits per month
          </Typography>
          <List
            resource="referral-credit-totals"
            filter={{ referrerId: writer }}
            sort={{ field: 'period', order: 'DESC' }}
            disableSyncWithLocation
            perPage={10}
            actions={false}
            title={false}
          >
            <TotalsColumns />
          </List>
          <Typography variant="h6" sx={{ mt: 2 }}>
            Credits
          </Typography>
          <List
            resource="referral-credits"
            filter={{ referrerId: writer }}
            sort={{ field: 'id', order: 'DESC' }}
            disableSyncWithLocation
            perPage={10}
            actions={false}
            title={false}
          >
            <CreditColumns />
          </List>
        </Box>
      ) : null}
    </RequireAccess>
  );
};

export const referrals = { list: ReferralList, show: ReferralShow, icon: ShareIcon };
export const referralCredits = { list: CreditList, icon: SavingsIcon };
export const referralCreditTotals = { list: TotalsList, icon: CallSplitIcon };
