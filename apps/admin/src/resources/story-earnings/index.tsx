import type { StoryEarning } from '../../api';
import InsightsIcon from '@mui/icons-material/Insights';
import { Box, Card, CardContent, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { DataTable, Link, List, ReferenceInput, SearchInput, SelectInput, Show, TextInput, useRecordContext } from 'react-admin';
import { exporterOf } from '../../components/exporter';
import { storyEarningCsv } from './csv';
import { Breakdown } from '../../components/Breakdown';
import { Fact, Facts, formatBps } from '../../components/fields';
import { formatCount, formatDuration, formatPercent } from '../../numbers';
import { ListActions } from '../../components/lists';
import { formatMicros } from '../../money';

const storyEarningExporter = exporterOf(storyEarningCsv);

export type { StoryEarning };

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
    {/* The breakdown (reading time, engagement, read ratio, bonuses) is on the show page: the list fits 1280 px. */}
    <DataTable.Col source="views" align="right" render={(r: StoryEarning) => formatCount(r.views)} />
    <DataTable.Col source="reads" align="right" render={(r: StoryEarning) => formatCount(r.reads)} />
    <DataTable.Col source="memberReads" label="Member reads" align="right" render={(r: StoryEarning) => formatCount(r.memberReads)} />
    <DataTable.Col
      source="memberReadingSeconds"
      label="Member reading time"
      align="right"
      render={(r: StoryEarning) => formatDuration(r.memberReadingSeconds)}
    />
  </DataTable>
);

const StoryEarningList = () => (
  <List
    filters={filters}
    sort={{ field: 'earningsMicros', order: 'DESC' }}
    actions={<ListActions />}
    exporter={storyEarningExporter}
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
          <Breakdown
            maxWidth={420}
            parts={[
              { label: 'Reading time', micros: r.readingTimeMicros },
              { label: 'Engagement', micros: r.engagementMicros },
              { label: 'Read ratio adjustment', micros: r.readRatioAdjustmentMicros },
              { label: 'Follower bonus', micros: r.followerBonusMicros },
              { label: 'Boost bonus', micros: r.boostBonusMicros },
            ]}
            whole={{ label: 'Earnings', micros: r.earningsMicros }}
          />
          <Table size="small" sx={{ maxWidth: 420 }}>
            <TableBody>
              <Line label="Views" value={formatCount(r.views)} />
              <Line label="Reads" value={formatCount(r.reads)} />
              <Line label="Read ratio" value={formatPercent(r.reads, r.views)} />
              <Line label="Read ratio multiplier" value={formatBps(r.readRatioAdjustmentBps)} />
              <Line label="Member reads" value={formatCount(r.memberReads)} />
              <Line label="Member reading time" value={formatDuration(r.memberReadingSeconds)} />
              <Line
                label="Clappers / highlighters / repliers"
                value={`${formatCount(r.clappers)} / ${formatCount(r.highlighters)} / ${formatCount(r.repliers)}`}
              />
              <Line label="New follows" value={formatCount(r.newFollows)} />
              <Line label="Follower readers" value={formatCount(r.followerReaders)} />
              <Line label="Boosted readers" value={formatCount(r.boostedReaders)} />
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
