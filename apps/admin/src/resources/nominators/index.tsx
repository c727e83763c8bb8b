import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import { Box, Card, CardContent, Chip, Typography } from '@mui/material';
import {
  DataTable,
  Link,
  List,
  NullableBooleanInput,
  Pagination,
  ReferenceManyField,
  SearchInput,
  Show,
  useRecordContext,
} from 'react-admin';
import { exporterOf } from '../../components/exporter';
import { nominatorCsv } from './csv';
import { Fact, Facts, StatusChip, filteredListPath } from '../../components/fields';
import { formatCount, formatPercent } from '../../numbers';
import { ListActions } from '../../components/lists';
import { formatUtc } from '../../dates';
import type { Nomination, Nominator } from '../../api';

const nominatorExporter = exporterOf(nominatorCsv);

const Standing = ({ good }: { good: boolean }) =>
  good ? <Chip size="small" color="success" label="good standing" /> : <Chip size="small" color="warning" label="not in good standing" />;

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name or username" />,
  <NullableBooleanInput key="goodStanding" source="goodStanding" label="Good standing" alwaysOn />,
];

const NominatorList = () => (
  <List
    filters={filters}
    sort={{ field: 'lastNominatedAt', order: 'DESC' }}
    actions={<ListActions />}
    exporter={nominatorExporter}
    title="Nominators"
  >
    {/* Fits 1280 px: the member id under the name, the outcomes (pending / boosted / declined / refused) on the show page. */}
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col
        source="name"
        label="Nominator"
        render={(r: Nominator) => (
          <Box>
            <Typography variant="body2">{r.name}</Typography>
            <Typography variant="caption" color="text.secondary">
              {r.id}
            </Typography>
          </Box>
        )}
      />
      <DataTable.Col
        source="nominationsThisMonth"
        label="This month"
        align="right"
        render={(r: Nominator) => formatCount(r.nominationsThisMonth)}
      />
      <DataTable.Col
        source="nominationsLast7Days"
        label="Last 7 days"
        align="right"
        render={(r: Nominator) => formatCount(r.nominationsLast7Days)}
      />
      <DataTable.Col source="totalNominations" label="Total" align="right" render={(r: Nominator) => formatCount(r.totalNominations)} />
      <DataTable.Col
        source="approvalRateBps"
        label="Approval rate"
        align="right"
        render={(r: Nominator) => formatPercent(r.boosted, r.boosted + r.declined)}
      />
      <DataTable.Col source="goodStanding" label="Standing" disableSort render={(r: Nominator) => <Standing good={r.goodStanding} />} />
      <DataTable.Col
        source="lastNominatedAt"
        label="Last nomination"
        render={(r: Nominator) => <Box sx={{ whiteSpace: 'nowrap' }}>{formatUtc(r.lastNominatedAt)}</Box>}
      />
    </DataTable>
  </List>
);

const NominatorDetail = () => {
  const r = useRecordContext<Nominator>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {r.name}{' '}
          <Typography component="span" color="text.secondary">
            @{r.username} · {r.id}
          </Typography>
        </Typography>
        <Facts>
          <Fact label="Standing">
            <Standing good={r.goodStanding} />
          </Fact>
          <Fact label="This month">{formatCount(r.nominationsThisMonth)}</Fact>
          <Fact label="Last 7 days">{formatCount(r.nominationsLast7Days)}</Fact>
          <Fact label="Approval rate (boosted / decided)">{formatPercent(r.boosted, r.boosted + r.declined)}</Fact>
          <Fact label="Total">{formatCount(r.totalNominations)}</Fact>
          <Fact label="Pending / boosted / declined / refused">
            {[r.pending, r.boosted, r.declined, r.refused].map(formatCount).join(' / ')}
          </Fact>
          <Fact label="Last nomination">{formatUtc(r.lastNominatedAt)}</Fact>
          <Fact label="Calibration">
            <Link to={filteredListPath('nominator-calibration', { id: r.id })}>acceptance and realised effect</Link>
          </Fact>
        </Facts>
        <Typography variant="h6">Nominations</Typography>
        <ReferenceManyField
          reference="nominations"
          target="nominatorId"
          sort={{ field: 'nominatedAt', order: 'DESC' }}
          perPage={10}
          pagination={<Pagination />}
        >
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="nominatedAt" label="Nominated" render={(n: Nomination) => formatUtc(n.nominatedAt)} />
            <DataTable.Col source="storyTitle" label="Story" disableSort />
            <DataTable.Col source="publicationName" label="Publication" disableSort />
            <DataTable.Col source="status" render={(n: Nomination) => <StatusChip value={n.status} />} />
            <DataTable.Col
              label="Reason"
              disableSort
              render={(n: Nomination) => (n.refusalReason ?? n.declineReason ?? '—').replace(/_/g, ' ')}
            />
          </DataTable>
        </ReferenceManyField>
      </CardContent>
    </Card>
  );
};

const NominatorShow = () => (
  <Show component="div" title="Nominator">
    <NominatorDetail />
  </Show>
);

export default { list: NominatorList, show: NominatorShow, icon: RecordVoiceOverIcon, recordRepresentation: 'name' };
