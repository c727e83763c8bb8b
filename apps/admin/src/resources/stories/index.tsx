import BoltIcon from '@mui/icons-material/Bolt';
import LibraryBooksIcon from '@mui/icons-material/LibraryBooks';
import { Box, Button, Card, CardContent, Divider, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  Link,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  Show,
  TextInput,
  TopToolbar,
  useRecordContext,
  useRedirect,
} from 'react-admin';
import { IfCan, ReasonDialog, useAction } from '../../components/actions';
import { exporterOf } from '../../components/exporter';
import { storyCsv } from './csv';
import { Fact, Facts, StatusChip, YesNo } from '../../components/fields';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { formatUtc } from '../../dates';
import { MAX_REASON_LENGTH } from '@libs/core/src/text-limits';
import type { Boost, Story } from '../../api';
import { MonthEstimatePanel } from '../estimates/MonthEstimatePanel';

const storyExporter = exporterOf(storyCsv);

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Title" />,
  <SelectInput key="status" source="status" choices={choices(['published', 'unlisted', 'draft', 'deleted'])} alwaysOn />,
  <TextInput key="authorId" source="authorId" label="Author (member id)" />,
  <TextInput key="publicationId" source="publicationId" label="Publication id" />,
  <NullableBooleanInput key="membersOnly" source="membersOnly" label="Members only" />,
  <NullableBooleanInput key="aiDisclosed" source="aiDisclosed" label="AI disclosed" />,
  <TextInput key="language" source="language" />,
  ...dateRangeFilters('publishedAt', 'Published'),
];

/** A curator boosts a story nobody nominated (the same story rules apply). */
const BoostStoryButton = () => {
  const record = useRecordContext<Story>();
  const { run, pending } = useAction();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  if (!record || record.status !== 'published') return null;
  return (
    <IfCan resource="stories" action="boost">
      <Button variant="contained" startIcon={<BoltIcon />} onClick={() => setOpen(true)}>
        Boost this story
      </Button>
      <ReasonDialog
        open={open}
        title={`Boost “${record.title}”`}
        confirmLabel="Boost"
        pending={pending}
        fields={[{ name: 'reason', label: 'Why (optional)', multiline: true, maxLength: MAX_REASON_LENGTH }]}
        onClose={() => setOpen(false)}
        onConfirm={async (v) => {
          const r = await run(
            (dp) => dp.act<Boost>('stories', record.id, 'boost', v.reason?.trim() ? { reason: v.reason.trim() } : {}),
            'Boost created',
          );
          if (r) {
            setOpen(false);
            redirect('show', 'boosts', r.data.id);
          }
        }}
      />
    </IfCan>
  );
};

const StoryList = () => (
  <List filters={filters} sort={{ field: 'publishedAt', order: 'DESC' }} actions={<ListActions />} exporter={storyExporter} title="Stories">
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="title" />
      <DataTable.Col source="authorName" label="Author" disableSort render={(r: Story) => `${r.authorName} (${r.authorId})`} />
      <DataTable.Col source="publicationName" label="Publication" disableSort />
      <DataTable.Col source="status" render={(r: Story) => <StatusChip value={r.status} />} />
      <DataTable.Col source="publishedAt" label="Published" render={(r: Story) => formatUtc(r.publishedAt)} />
      <DataTable.Col source="membersOnly" label="Members only" disableSort render={(r: Story) => <YesNo value={r.membersOnly} />} />
      <DataTable.Col source="aiDisclosed" label="AI" disableSort render={(r: Story) => <YesNo value={r.aiDisclosed} />} />
    </DataTable>
  </List>
);

const StoryDetail = () => {
  const r = useRecordContext<Story>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {r.title}
        </Typography>
        <Facts>
          <Fact label="Story">{r.id}</Fact>
          <Fact label="Author">
            {r.authorName} ({r.authorId})
          </Fact>
          <Fact label="Publication">{r.publicationName ?? '—'}</Fact>
          <Fact label="Status">
            <StatusChip value={r.status} />
          </Fact>
          <Fact label="Published">{formatUtc(r.publishedAt)}</Fact>
          <Fact label="Members only">
            <YesNo value={r.membersOnly} />
          </Fact>
          <Fact label="AI disclosed">
            <YesNo value={r.aiDisclosed} />
          </Fact>
          <Fact label="Language">{r.language}</Fact>
        </Facts>
        <Divider sx={{ my: 2 }} />
        <Typography variant="h6">Boost windows</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Boost</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>Starts</TableCell>
              <TableCell>Ends</TableCell>
              <TableCell>State</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(r.boosts ?? []).length === 0 ? (
              <TableRow>
                <TableCell colSpan={5}>Never boosted</TableCell>
              </TableRow>
            ) : null}
            {(r.boosts ?? []).map((b) => (
              <TableRow key={b.id}>
                <TableCell>
                  <Link to={`/boosts/${encodeURIComponent(b.id)}/show`}>{b.id}</Link>
                </TableCell>
                <TableCell>{b.source}</TableCell>
                <TableCell>{formatUtc(b.startsAt)}</TableCell>
                <TableCell>{formatUtc(b.endsAt)}</TableCell>
                <TableCell>
                  <StatusChip value={b.state} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <MonthEstimatePanel storyId={r.id} />
        <Box sx={{ mt: 3 }}>
          <Typography variant="h6">Nominations</Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Nomination</TableCell>
                <TableCell>Nominated</TableCell>
                <TableCell>Nominator</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Reason</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(r.nominations ?? []).length === 0 ? (
                <TableRow>
                  <TableCell colSpan={5}>Never nominated</TableCell>
                </TableRow>
              ) : null}
              {(r.nominations ?? []).map((n) => (
                <TableRow key={n.id}>
                  <TableCell>
                    <Link to={`/nominations/${encodeURIComponent(n.id)}/show`}>{n.id}</Link>
                  </TableCell>
                  <TableCell>{formatUtc(n.nominatedAt)}</TableCell>
                  <TableCell>{n.nominatorName}</TableCell>
                  <TableCell>
                    <StatusChip value={n.status} />
                  </TableCell>
                  <TableCell>{(n.refusalReason ?? n.declineReason ?? '—').replace(/_/g, ' ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </CardContent>
    </Card>
  );
};

const StoryShow = () => (
  <Show
    component="div"
    title="Story"
    actions={
      <TopToolbar>
        <BoostStoryButton />
      </TopToolbar>
    }
  >
    <StoryDetail />
  </Show>
);

export default { list: StoryList, show: StoryShow, icon: LibraryBooksIcon, recordRepresentation: 'title' };
