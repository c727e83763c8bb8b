import NewspaperIcon from '@mui/icons-material/Newspaper';
import { Card, CardContent, Divider, Typography } from '@mui/material';
import { DataTable, Link, List, SearchInput, Show, useRecordContext } from 'react-admin';
import { exporterOf } from '../../components/exporter';
import { publicationCsv } from './csv';
import { Fact, Facts, StatusChip, YesNo, filteredListPath } from '../../components/fields';
import { ListActions } from '../../components/lists';
import { RowsTable } from '../../components/RowsTable';
import { formatUtc } from '../../dates';
import { formatCount } from '../../numbers';
import type { Publication, PublicationDetail } from '../../api';

const publicationExporter = exporterOf(publicationCsv);

const filters = [<SearchInput key="q" source="q" alwaysOn placeholder="Id or name" />];

const PublicationList = () => (
  <List
    filters={filters}
    sort={{ field: 'name', order: 'ASC' }}
    actions={<ListActions />}
    exporter={publicationExporter}
    title="Publications"
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="name" />
      <DataTable.Col source="storyCount" label="Stories" disableSort render={(r: Publication) => formatCount(r.storyCount)} />
    </DataTable>
  </List>
);

const PublicationDetailCard = () => {
  const r = useRecordContext<PublicationDetail>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {r.name}
        </Typography>
        <Facts>
          <Fact label="Publication">{r.id}</Fact>
          <Fact label="Stories">
            <Link to={filteredListPath('stories', { publicationId: r.id })}>{formatCount(r.storyCount)}</Link>
          </Fact>
        </Facts>
        <Divider sx={{ my: 2 }} />
        <Typography variant="h6">{r.stories.length < r.storyCount ? `Latest ${r.stories.length} stories` : 'Stories'}</Typography>
        <RowsTable
          rows={r.stories}
          empty="No story"
          columns={[
            { label: 'Story', render: (s) => <Link to={`/stories/${encodeURIComponent(s.id)}/show`}>{s.title}</Link> },
            { label: 'Author', render: (s) => <Link to={`/members/${encodeURIComponent(s.authorId)}/show`}>{s.authorName}</Link> },
            { label: 'Status', render: (s) => <StatusChip value={s.status} /> },
            { label: 'Published', render: (s) => formatUtc(s.publishedAt) },
            { label: 'Members only', render: (s) => <YesNo value={s.membersOnly} /> },
          ]}
        />
      </CardContent>
    </Card>
  );
};

const PublicationShow = () => (
  <Show component="div" title="Publication">
    <PublicationDetailCard />
  </Show>
);

export default { list: PublicationList, show: PublicationShow, icon: NewspaperIcon, recordRepresentation: 'name' };
