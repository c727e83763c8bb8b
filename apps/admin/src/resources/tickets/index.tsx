import type { Ticket } from '../../api';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import DoneIcon from '@mui/icons-material/Done';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import ReplayIcon from '@mui/icons-material/Replay';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { Alert, Box, Button, Card, CardContent, Divider, MenuItem, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  Create,
  DataTable,
  Link,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  Show,
  SimpleForm,
  TextInput,
  TopToolbar,
  required,
  useCanAccess,
  useGetIdentity,
  useGetList,
  useRecordContext,
} from 'react-admin';
import { IfCan, ReasonDialog, useAction } from '../../components/actions';
import { exporterOf } from '../../components/exporter';
import { ticketCsv } from './csv';
import { formatCount } from '../../numbers';
import { Fact, Facts, StatusChip, filteredListPath } from '../../components/fields';
import { ListActions, choices, dateRangeFilters } from '../../components/lists';
import { authorLedgerPath } from '../ledger/AuthorLedgerPage';
import { formatUtc, validPeriod } from '../../dates';
import { TICKET_CATEGORIES } from '@libs/help-desk/src/ticket-categories';
import { ExplanationPanel } from '../explanations/ExplanationPanel';
import { PayoutProjectionPanel } from './PayoutProjectionPanel';
import { MAX_REASON_LENGTH, MAX_TEXT_LENGTH } from '@libs/core/src/text-limits';
import { MonthEstimatePanel } from '../estimates/MonthEstimatePanel';

const ticketExporter = exporterOf(ticketCsv);

export { TICKET_CATEGORIES };
export const TICKET_STATUSES = ['open', 'pending', 'resolved'] as const;

export type { Ticket };

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Subject, text, writer, story" />,
  <SelectInput key="status" source="status" choices={choices(TICKET_STATUSES)} alwaysOn />,
  <SelectInput key="category" source="category" choices={choices(TICKET_CATEGORIES)} alwaysOn />,
  <NullableBooleanInput key="assigned" source="assigned" />,
  <TextInput key="memberId" source="memberId" label="Writer (member id)" />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" />,
  <TextInput key="storyId" source="storyId" label="Story id" />,
  <SelectInput key="source" source="source" choices={choices(['intake', 'support'])} />,
  <TextInput key="ageDays_gte" source="ageDays_gte" label="At least N days old" type="number" />,
  ...dateRangeFilters('createdAt', 'Arrived'),
];

const TicketList = () => (
  <List
    filters={filters}
    sort={{ field: 'queue', order: 'ASC' }}
    actions={<ListActions create />}
    exporter={ticketExporter}
    title="Tickets"
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col
        source="subject"
        disableSort
        render={(r: Ticket) => (
          <Box>
            <Typography variant="body2">{r.subject}</Typography>
            <Typography variant="caption" color="text.secondary">
              {r.memberName} ({r.memberId})
            </Typography>
          </Box>
        )}
        sx={{ minWidth: 260 }}
      />
      <DataTable.Col source="category" render={(r: Ticket) => r.category.replace(/_/g, ' ')} />
      <DataTable.Col source="period" />
      <DataTable.Col source="status" render={(r: Ticket) => <StatusChip value={r.status} />} />
      <DataTable.Col source="assigneeEmail" label="Assignee" disableSort />
      <DataTable.Col source="ageDays" label="Age (days)" align="right" render={(r: Ticket) => formatCount(r.ageDays)} />
      <DataTable.Col source="createdAt" label="Arrived" render={(r: Ticket) => formatUtc(r.createdAt)} />
    </DataTable>
  </List>
);

const TicketCreate = () => (
  <Create
    redirect="show"
    title="Open a ticket for a writer"
    transform={(d: Record<string, string>) => ({ ...d, storyId: d.storyId || undefined, period: d.period || undefined })}
  >
    <SimpleForm defaultValues={{ category: 'other' }}>
      <TextInput source="memberId" label="Writer (member id)" validate={required()} />
      <SelectInput source="category" choices={choices(TICKET_CATEGORIES)} validate={required()} />
      <TextInput source="subject" validate={required()} fullWidth />
      <TextInput source="body" multiline minRows={4} validate={required()} fullWidth />
      <TextInput source="storyId" label="Story id (optional)" />
      <TextInput source="period" label="Period (optional, YYYY-MM)" validate={validPeriod} />
    </SimpleForm>
  </Create>
);

/** Status moves (open ↔ pending) and assignment go through PUT /api/tickets/<id>. */
const StatusButtons = () => {
  const t = useRecordContext<Ticket>();
  const { identity } = useGetIdentity();
  const { run, pending } = useAction();
  if (!t || t.status === 'resolved') return null;
  const update = (data: Partial<Ticket>, message: string) =>
    run((dp) => dp.update('tickets', { id: t.id, data, previousData: t }), message);
  return (
    <IfCan resource="tickets" action="edit">
      {t.assigneeId !== identity?.id ? (
        <Button
          startIcon={<AssignmentIndIcon />}
          disabled={pending}
          onClick={() => update({ assigneeId: String(identity?.id) }, 'Assigned to you')}
        >
          Assign to me
        </Button>
      ) : null}
      {t.status === 'open' ? (
        <Button
          startIcon={<HourglassEmptyIcon />}
          disabled={pending}
          onClick={() => update({ status: 'pending' }, 'Waiting on the writer')}
        >
          Waiting on writer
        </Button>
      ) : (
        <Button disabled={pending} onClick={() => update({ status: 'open' }, 'Back to open')}>
          Back to open
        </Button>
      )}
    </IfCan>
  );
};

const ResolveButton = ({ draft }: { draft?: string }) => {
  const t = useRecordContext<Ticket>();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  if (!t || t.status === 'resolved') return null;
  return (
    <IfCan resource="tickets" action="resolve">
      <Button variant="contained" color="success" startIcon={<DoneIcon />} onClick={() => setOpen(true)}>
        Resolve
      </Button>
      <ReasonDialog
        open={open}
        title={`Resolve ${t.id}`}
        confirmLabel="Resolve"
        pending={pending}
        fields={[
          {
            name: 'resolution',
            label: 'Resolution (what was done or answered)',
            required: true,
            multiline: true,
            initial: draft,
            maxLength: MAX_TEXT_LENGTH,
          },
        ]}
        onClose={() => setOpen(false)}
        onConfirm={async (v) => {
          if (await run((dp) => dp.act('tickets', t.id, 'resolve', { resolution: v.resolution }), `Ticket ${t.id} resolved`))
            setOpen(false);
        }}
      />
    </IfCan>
  );
};

const ReopenButton = () => {
  const t = useRecordContext<Ticket>();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  if (!t || t.status !== 'resolved') return null;
  return (
    <IfCan resource="tickets" action="reopen">
      <Button startIcon={<ReplayIcon />} onClick={() => setOpen(true)}>
        Reopen
      </Button>
      <ReasonDialog
        open={open}
        title={`Reopen ${t.id}`}
        confirmLabel="Reopen"
        pending={pending}
        fields={[{ name: 'reason', label: 'Why (optional)', multiline: true, maxLength: MAX_REASON_LENGTH }]}
        onClose={() => setOpen(false)}
        onConfirm={async (v) => {
          if (await run((dp) => dp.act('tickets', t.id, 'reopen', v.reason?.trim() ? { reason: v.reason.trim() } : {}), 'Reopened'))
            setOpen(false);
        }}
      />
    </IfCan>
  );
};

/** Internal notes (never shown to the writer). */
const Notes = ({ t }: { t: Ticket }) => {
  const { run, pending } = useAction();
  const [body, setBody] = useState('');
  const { canAccess } = useCanAccess({ resource: 'tickets', action: 'notes' });
  return (
    <Box>
      <Typography variant="subtitle1">Internal notes</Typography>
      {(t.notes ?? []).length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          None yet.
        </Typography>
      ) : null}
      {(t.notes ?? []).map((n) => (
        <Box key={n.id} sx={{ borderLeft: 3, borderColor: 'divider', pl: 1, my: 1 }}>
          <Typography variant="caption" color="text.secondary">
            {n.authorEmail ?? '—'}, {formatUtc(n.createdAt)}
          </Typography>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {n.body}
          </Typography>
        </Box>
      ))}
      {canAccess ? (
        <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
          <TextField size="small" fullWidth multiline label="Add a note" value={body} onChange={(e) => setBody(e.target.value)} />
          <Button
            disabled={pending || !body.trim()}
            onClick={async () => {
              if (await run((dp) => dp.act('tickets', t.id, 'notes', { body: body.trim() }), 'Note added')) setBody('');
            }}
          >
            Add
          </Button>
        </Box>
      ) : null}
    </Box>
  );
};

/** Pick a saved reply; the server fills it for this ticket (writer, story, period, explanation figures). */
const SavedReplyPicker = ({ t, onText }: { t: Ticket; onText: (text: string) => void }) => {
  const { data: replies } = useGetList('saved-replies', { pagination: { page: 1, perPage: 100 }, sort: { field: 'title', order: 'ASC' } });
  const { run, pending } = useAction();
  const [chosen, setChosen] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const relevant = (replies ?? []).filter((r) => !r.category || r.category === t.category);
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      <TextField select size="small" label="Saved reply" value={chosen} onChange={(e) => setChosen(e.target.value)} sx={{ minWidth: 260 }}>
        {relevant.length === 0 ? (
          <MenuItem value="" disabled>
            No saved reply for this category
          </MenuItem>
        ) : null}
        {relevant.map((r) => (
          <MenuItem key={r.id} value={r.id}>
            {r.title}
          </MenuItem>
        ))}
      </TextField>
      <Button
        disabled={!chosen || pending}
        onClick={async () => {
          const r = await run((dp) =>
            dp.act<{ id: string; text: string; missing: string[] }>('saved-replies', chosen, 'render', { ticketId: t.id }),
          );
          if (r) {
            onText(r.data.text);
            setMissing(r.data.missing ?? []);
          }
        }}
      >
        Fill for this ticket
      </Button>
      {missing.length ? (
        <Typography variant="caption" color="warning.main">
          No value for: {missing.join(', ')}
        </Typography>
      ) : null}
    </Box>
  );
};

const TicketDetail = ({ draft, setDraft }: { draft: string; setDraft: (s: string) => void }) => {
  const t = useRecordContext<Ticket>();
  const { canAccess: canReply } = useCanAccess({ resource: 'saved-replies', action: 'render' });
  if (!t) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" gutterBottom data-testid="ticket-subject">
          {t.subject}
        </Typography>
        <Facts>
          <Fact label="Writer">
            {t.memberName} (@{t.memberUsername}, {t.memberId})
          </Fact>
          <Fact label="Category">{t.category.replace(/_/g, ' ')}</Fact>
          <Fact label="Status">
            <StatusChip value={t.status} />
          </Fact>
          <Fact label="Period">{t.period ?? '—'}</Fact>
          {t.storyId ? (
            <Fact label="Story">
              <Link to={`/stories/${encodeURIComponent(t.storyId)}/show`}>{t.storyTitle ?? t.storyId}</Link>
            </Fact>
          ) : null}
          <Fact label="Assignee">{t.assigneeEmail ?? 'nobody'}</Fact>
          <Fact label="Arrived">
            {formatUtc(t.createdAt)} ({formatCount(t.ageDays)} d, {t.source})
          </Fact>
        </Facts>
        <Box sx={{ whiteSpace: 'pre-wrap', typography: 'body1', bgcolor: 'action.hover', p: 2, borderRadius: 1 }}>{t.body}</Box>
        {t.status === 'resolved' ? (
          <Alert severity="success" sx={{ mt: 2 }}>
            Resolved {formatUtc(t.resolvedAt)}:{/* The resolution as written: its line breaks and paragraphs kept. */}
            <Box component="div" data-testid="resolution" sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }}>
              {t.resolution}
            </Box>
          </Alert>
        ) : null}
        <Facts>
          <span />
          <Link to={filteredListPath('tickets', { memberId: t.memberId })}>The writer's tickets</Link>
          <Link to={filteredListPath('statements', { authorId: t.memberId })}>Statements</Link>
          <Link to={authorLedgerPath(t.memberId)} data-testid="ticket-author-ledger">
            Ledger
          </Link>
          <Link to={`/writer-referrals?writer=${encodeURIComponent(t.memberId)}`}>Legacy referrals</Link>
        </Facts>
        <Divider sx={{ my: 2 }} />
        <MonthEstimatePanel authorId={t.memberId} />
        <PayoutProjectionPanel
          ticketId={t.id}
          onUse={canReply && t.status !== 'resolved' ? (text) => setDraft(draft ? `${draft}\n\n${text}` : text) : undefined}
        />
        {canReply && t.status !== 'resolved' ? (
          <Box sx={{ mb: 2 }}>
            <Typography variant="subtitle1">Reply</Typography>
            <SavedReplyPicker t={t} onText={setDraft} />
            <TextField
              sx={{ mt: 1 }}
              fullWidth
              multiline
              minRows={4}
              label="Draft (used as the resolution)"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </Box>
        ) : null}
        <Notes t={t} />
      </CardContent>
    </Card>
  );
};

const TicketPage = () => {
  const t = useRecordContext<Ticket>();
  const [draft, setDraft] = useState('');
  useEffect(() => setDraft(''), [t?.id]);
  if (!t) return null;
  return (
    <>
      <TopToolbar sx={{ gap: 1 }}>
        <StatusButtons />
        <ReopenButton />
        <ResolveButton draft={draft} />
      </TopToolbar>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 5fr) minmax(0, 7fr)' }, gap: 2, alignItems: 'start' }}>
        <TicketDetail draft={draft} setDraft={setDraft} />
        <ExplanationPanel key={t.id} path={`tickets/${encodeURIComponent(t.id)}/explanation`} />
      </Box>
    </>
  );
};

const TicketShow = () => (
  <Show component="div" title="Ticket" actions={false}>
    <TicketPage />
  </Show>
);

export default { list: TicketList, show: TicketShow, create: TicketCreate, icon: SupportAgentIcon, recordRepresentation: 'subject' };
