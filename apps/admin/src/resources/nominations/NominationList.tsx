import { Box, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import {
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TextInput,
  useCanAccess,
  useGetIdentity,
  type RaRecord,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { exporterOf } from '../../components/exporter';
import { nominationCsv } from './csv';
import { StatusChip } from '../../components/fields';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { formatUtc } from '../../dates';
import { formatCount, formatPercent } from '../../numbers';
import { QueueHeader } from '../../review-queue/QueueHeader';
import { ShortcutButton, ShortcutHelp, type Shortcut } from '../../review-queue/ShortcutHelp';
import { useListKeys } from '../../review-queue/useListKeys';
import { useQueueNavigation } from '../../review-queue/useQueue';
import { BulkDeclineButton } from './actions';
import { DECLINE_REASONS, NOMINATION_STATUSES, REFUSAL_REASONS } from './constants';
import type { Nomination } from '../../api';

const nominationExporter = exporterOf(nominationCsv);

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Title, nominator, publication" />,
  <SelectInput key="status" source="status" choices={choices(NOMINATION_STATUSES)} alwaysOn />,
  <NullableBooleanInput key="authorIsPartner" source="authorIsPartner" label="Author is a partner" />,
  <NullableBooleanInput key="claimed" source="claimed" label="Being reviewed" />,
  <TextInput key="publicationId" source="publicationId" label="Publication id" />,
  <TextInput key="nominatorId" source="nominatorId" label="Nominator (member id)" />,
  <TextInput key="storyId" source="storyId" label="Story id" />,
  <TextInput key="authorId" source="authorId" label="Author (member id)" />,
  <SelectInput key="declineReason" source="declineReason" label="Decline reason" choices={choices(DECLINE_REASONS)} />,
  <SelectInput key="refusalReason" source="refusalReason" label="Refusal reason" choices={choices(REFUSAL_REASONS)} />,
  ...dateRangeFilters('nominatedAt', 'Nominated'),
];

const SHORTCUTS: Shortcut[] = [
  { keys: ['j', 'k'], what: 'next / previous row' },
  { keys: ['Enter', 'o'], what: 'open the row (you claim it)' },
  { keys: ['x'], what: 'select or unselect the row' },
  { keys: ['Shift+D'], what: 'decline the selected rows (reason, then a preview)' },
  { keys: ['n'], what: 'start curating: the oldest nomination nobody is working on' },
  { keys: ['?'], what: 'this help' },
];

export const StoryCell = ({ r }: { r: Nomination }) => (
  <Box>
    <Typography variant="body2">{r.storyTitle}</Typography>
    <Typography variant="caption" color="text.secondary" component="div">
      by {r.authorName}
      {r.authorIsPartner ? ' · partner' : ''} · in {r.publicationName}
    </Typography>
    <Typography variant="caption" color="text.secondary" component="div">
      nominated by {r.nominatorName}
    </Typography>
  </Box>
);

const NominationTable = () => {
  const [help, setHelp] = useState(false);
  const navigate = useNavigate();
  const { next } = useQueueNavigation('nominations');
  const { data: me } = useGetIdentity();
  const { canAccess: canBulk } = useCanAccess({ resource: 'nominations', action: 'bulk-decline' });
  useHotkeys('n', () => void next(), { enabled: !help });
  const keys = useListKeys({ onOpen: (r: RaRecord) => navigate(`/nominations/${encodeURIComponent(r.id)}/show`), enabled: !help });
  return (
    <>
      <QueueHeader resource="nominations">
        <ShortcutButton onOpen={() => setHelp(true)} />
        <Typography variant="caption" role="status" data-testid="queue-focus" sx={{ ml: 1 }}>
          {keys.focused ? `Row ${keys.position} of ${keys.count}: ${keys.focused.id}` : ''}
        </Typography>
      </QueueHeader>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={SHORTCUTS} title="Nomination queue: keys" />
      <DataTable rowClick="show" rowSx={keys.rowSx} bulkActionButtons={canBulk ? <BulkDeclineButton /> : false}>
        <DataTable.Col source="nominatedAt" label="Nominated" render={(r: Nomination) => formatUtc(r.nominatedAt)} />
        <DataTable.Col source="storyId" label="Story" disableSort sx={{ minWidth: 260 }} render={(r: Nomination) => <StoryCell r={r} />} />
        <DataTable.Col
          source="storyPublishedAt"
          label="Published"
          render={(r: Nomination) => (
            <Box>
              <Typography variant="body2">{formatUtc(r.storyPublishedAt).slice(0, 10)}</Typography>
              {r.storyAgeDays !== null ? (
                <Typography variant="caption" color="text.secondary">{`${formatCount(r.storyAgeDays)} days ago`}</Typography>
              ) : null}
            </Box>
          )}
        />
        <DataTable.Col
          source="readRatioBps"
          label="Reads / views"
          disableSort
          align="right"
          render={(r: Nomination) => (
            <Box>
              <Typography variant="body2">{`${formatCount(r.reads)} / ${formatCount(r.views)}`}</Typography>
              <Typography variant="caption" color="text.secondary">{`${formatPercent(r.reads, r.views)} read`}</Typography>
            </Box>
          )}
        />
        <DataTable.Col
          source="status"
          render={(r: Nomination) => (
            <Stack spacing={0.25}>
              <StatusChip value={r.status} />
              {r.claimedBy ? (
                <Typography variant="caption" color={r.claimedBy === me?.id ? 'success.main' : 'warning.main'}>
                  {r.claimedBy === me?.id ? 'you' : r.claimedByEmail}
                </Typography>
              ) : null}
            </Stack>
          )}
        />
      </DataTable>
    </>
  );
};

export const NominationList = () => (
  <List
    filters={filters}
    filterDefaultValues={{ status: 'pending' }}
    sort={{ field: 'nominatedAt', order: 'ASC' }}
    actions={<ListActions />}
    exporter={nominationExporter}
    title="Nomination queue"
  >
    <NominationTable />
  </List>
);
