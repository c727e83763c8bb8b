import TextSnippetIcon from '@mui/icons-material/TextSnippet';
import { Box, Chip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  Create,
  DataTable,
  DeleteButton,
  Edit,
  List,
  SaveButton,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
} from 'react-admin';
import { exporterOf } from '../../components/exporter';
import { savedReplyCsv } from './csv';
import { ListActions, choices } from '../../components/lists';
import { dataProvider } from '../../dataProvider';
import { formatUtc } from '../../dates';
import { TICKET_CATEGORIES } from '../tickets';
import type { SavedReply } from '../../api';

const savedReplyExporter = exporterOf(savedReplyCsv);

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Title or text" />,
  <SelectInput key="category" source="category" choices={choices(TICKET_CATEGORIES)} alwaysOn />,
];

const SavedReplyList = () => (
  <List
    filters={filters}
    sort={{ field: 'title', order: 'ASC' }}
    actions={<ListActions create />}
    exporter={savedReplyExporter}
    title="Saved replies"
  >
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="title" />
      <DataTable.Col source="category" render={(r: SavedReply) => (r.category ?? 'any').replace(/_/g, ' ')} />
      <DataTable.Col
        source="body"
        label="Text"
        disableSort
        render={(r: SavedReply) => (r.body.length > 120 ? `${r.body.slice(0, 117)}…` : r.body)}
      />
      <DataTable.Col source="updatedAt" label="Updated" render={(r: SavedReply) => formatUtc(r.updatedAt)} />
    </DataTable>
  </List>
);

/** The placeholders the server fills, from GET /api/saved-replies/placeholders. */
const PlaceholderHelp = () => {
  const [items, setItems] = useState<Array<{ token: string; description: string; needsComputedRun: boolean }>>([]);
  useEffect(() => {
    dataProvider.fetchJson<typeof items>('saved-replies/placeholders').then(
      ({ data }) => setItems(data),
      () => setItems([]),
    );
  }, []);
  return (
    <Box sx={{ maxWidth: 720 }}>
      <Typography variant="caption" color="text.secondary">
        Placeholders (filled for the ticket when support picks the reply):
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
        {items.map((p) => (
          <Chip
            key={p.token}
            size="small"
            label={p.token}
            title={`${p.description}${p.needsComputedRun ? ' (needs a computed run)' : ''}`}
          />
        ))}
      </Box>
    </Box>
  );
};

const form = (
  <>
    <TextInput source="title" validate={required()} fullWidth />
    <SelectInput source="category" choices={choices(TICKET_CATEGORIES)} emptyText="any category" />
    <TextInput source="body" label="Text" multiline minRows={6} validate={required()} fullWidth />
    <PlaceholderHelp />
  </>
);

const transform = ({ title, category, body }: SavedReply) => ({ title, category: category || null, body });

const SavedReplyEdit = () => (
  <Edit mutationMode="pessimistic" title="Saved reply" transform={transform}>
    <SimpleForm
      toolbar={
        <Toolbar sx={{ justifyContent: 'space-between' }}>
          <SaveButton />
          <DeleteButton mutationMode="pessimistic" />
        </Toolbar>
      }
    >
      {form}
    </SimpleForm>
  </Edit>
);

const SavedReplyCreate = () => (
  <Create redirect="list" title="New saved reply" transform={transform}>
    <SimpleForm>{form}</SimpleForm>
  </Create>
);

export default {
  list: SavedReplyList,
  edit: SavedReplyEdit,
  create: SavedReplyCreate,
  icon: TextSnippetIcon,
  recordRepresentation: 'title',
};
