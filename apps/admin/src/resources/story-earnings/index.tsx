import InsightsIcon from '@mui/icons-material/Insights';
import { Box, Card, CardContent, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { DataTable, Link, List, ReferenceInput, SearchInput, SelectInput, Show, TextInput, useRecordContext } from 'react-admin';
import { csvExporter } from '../../components/exporter';
import { Fact, Facts, formatBps } from '../../components/fields';
import { ListActions } from '../../components/lists';
import { formatMicros } from '../../money';

export interface StoryEarning {
  id: string;
  runId: string;
  period: string;
  storyId: string;
  storyTitle: string;
  authorId: string;
  authorName: string;
  earningsMicros: number | string;
  readingTimeMicros: number | string;
  engagementMicros: number | string;
  readRatioAdjustmentMicros: number | string;
  followerBonusMicros: number | string;
  boostBonusMicros: number | string;
  views: number;
  reads: number;
  readRatioAdjustmentBps: number;
  memberReads: number;
  memberReadingSeconds: number;
  clappers: number;
  highlighters: number;
  repliers: number;
  newFollows: number;
  followerReaders: number;
  boostedReaders: number;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Story title, story or author id" />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" alwaysOn />,
  <TextInput key="authorId" source="authorId" label="Author (member id)" />,
  <TextInput key="storyId" source="storyId" label="Story id" />,
  <ReferenceInput key="runId" source="runId" reference="payout-runs" sort={{ field: 'period', order: 'DESC' }} perPage={100}>
    <SelectInput label="Run" optionText={(r: { period: string; status: string }) => `${r.period} (${r.status})`} />
  </ReferenceInput>,
];

const m = (v: number | string) => formatMicros(v);

export const StoryEarningColumns = ({ withPeriod = true }: { withPeriod?: boolean }) => (
  <DataTable rowClick="show" bulkActionButtons={false}>
    <DataTable.Col
      source="storyId"
      label="Story"
      sx={{ minWidth: 240 }}
      render={(r: StoryEarning) => (
        <Box>
          <Typography variant="body2">{r.storyTitle}</Typography>
          <Typography variant="caption" color="text.secondary">
            {r.storyId} · {r.authorName} ({r.authorId})
          </Typography>
        </Box>
      )}
    />
    {withPeriod ? <DataTable.Col source="period" disableSort /> : null}
    <DataTable.Col source="earningsMicros" label="Earnings" align="right" render={(r: StoryEarning) => m(r.earningsMicros)} />
    <DataTable.Col
      source="readingTimeMicros"
      label="Reading time"
      disableSort
      align="right"
      render={(r: StoryEarning) => m(r.readingTimeMicros)}
    />
    <DataTable.Col
      source="engagementMicros"
      label="Engagement"
      disableSort
      align="right"
      render={(r: StoryEarning) => m(r.engagementMicros)}
    />
    <DataTable.Col
      source="readRatioAdjustmentMicros"
      label="Read ratio adj."
      disableSort
      align="right"
      render={(r: StoryEarning) => m(r.readRatioAdjustmentMicros)}
    />
    <DataTable.Col
      source="followerBonusMicros"
      label="Follower bonus"
      disableSort
      align="right"
      render={(r: StoryEarning) => m(r.followerBonusMicros)}
    />
    <DataTable.Col source="boostBonusMicros" label="Boost bonus" align="right" render={(r: StoryEarning) => m(r.boostBonusMicros)} />
    <DataTable.Col source="views" align="right" />
    <DataTable.Col source="reads" align="right" />
    <DataTable.Col source="memberReads" label="Member reads" align="right" />
    <DataTable.Col source="memberReadingSeconds" label="Member reading s" align="right" />
  </DataTable>
);

const StoryEarningList = () => (
  <List
    filters={filters}
    sort={{ field: 'earningsMicros', order: 'DESC' }}
    actions={<ListActions />}
    exporter={csvExporter}
    title="Story earnings"
  >
    <StoryEarningColumns />
  </List>
);

const Line = ({ label, value }: { label: string; value: string | number }) => (
  <TableRow>
    <TableCell>{label}</TableCell>
    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {value}
    </TableCell>
  </TableRow>
);

const StoryEarningDetail = () => {
  const r = useRecordContext<StoryEarning>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {r.storyTitle}, {r.period}
        </Typography>
        <Facts>
          <Fact label="Story">
            <Link to={`/stories/${encodeURIComponent(r.storyId)}/show`}>{r.storyId}</Link>
          </Fact>
          <Fact label="Author">
            {r.authorName} ({r.authorId})
          </Fact>
          <Fact label="Run">
            <Link to={`/payout-runs/${r.runId}/show`}>{r.period}</Link>
          </Fact>
        </Facts>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Table size="small" sx={{ maxWidth: 420 }}>
            <TableBody>
              <Line label="Reading time" value={m(r.readingTimeMicros)} />
              <Line label="Engagement" value={m(r.engagementMicros)} />
              <Line label="Read ratio adjustment" value={m(r.readRatioAdjustmentMicros)} />
              <Line label="Follower bonus" value={m(r.followerBonusMicros)} />
              <Line label="Boost bonus" value={m(r.boostBonusMicros)} />
              <Line label="Earnings" value={m(r.earningsMicros)} />
            </TableBody>
          </Table>
          <Table size="small" sx={{ maxWidth: 420 }}>
            <TableBody>
              <Line label="Views" value={r.views} />
              <Line label="Reads" value={r.reads} />
              <Line label="Read ratio adjustment" value={formatBps(r.readRatioAdjustmentBps)} />
              <Line label="Member reads" value={r.memberReads} />
              <Line label="Member reading seconds" value={r.memberReadingSeconds} />
              <Line label="Clappers / highlighters / repliers" value={`${r.clappers} / ${r.highlighters} / ${r.repliers}`} />
              <Line label="New follows" value={r.newFollows} />
              <Line label="Follower readers" value={r.followerReaders} />
              <Line label="Boosted readers" value={r.boostedReaders} />
            </TableBody>
          </Table>
        </Box>
      </CardContent>
    </Card>
  );
};

const StoryEarningShow = () => (
  <Show component="div" title="Story earnings">
    <StoryEarningDetail />
  </Show>
);

export default { list: StoryEarningList, show: StoryEarningShow, icon: InsightsIcon };
