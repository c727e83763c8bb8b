import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { MAX_REASON_LENGTH } from '@libs/core/src/text-limits';

/** Notes are at most this long (the API's limit, libs/core/src/text-limits.ts), said before the server has to refuse. */
export const NOTE_MAX = MAX_REASON_LENGTH;

/** How long a decision waits before it is sent, so that it can be undone (docs/decisions.md "Forms"). */
export const UNDO_SECONDS = 4;

/**
 * The undo window of a decision: `start(send)` counts down and then sends; `undo()` stops it
 * (nothing was sent, so nothing changed). `left` is the seconds left while counting.
 */
export function useUndoWindow(open: boolean, seconds = UNDO_SECONDS) {
  const [left, setLeft] = useState<number | null>(null);
  const send = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (left === null) return;
    if (left <= 0) {
      const fn = send.current;
      send.current = null;
      setLeft(null);
      fn?.();
      return;
    }
    const timer = setTimeout(() => setLeft((n) => (n === null ? null : n - 1)), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  useEffect(() => {
    if (!open) {
      send.current = null;
      setLeft(null);
    }
  }, [open]);
  return {
    left,
    counting: left !== null,
    start(fn: () => void) {
      send.current = fn;
      setLeft(seconds);
    },
    undo() {
      send.current = null;
      setLeft(null);
    },
  };
}

/** What the dialog shows while a decision waits to be sent. */
const UndoBar = ({ left, what, onUndo }: { left: number; what: string; onUndo: () => void }) => (
  <Alert
    severity="info"
    data-testid="undo-window"
    action={
      <Button color="inherit" size="small" onClick={onUndo} autoFocus data-testid="undo">
        Undo (Esc)
      </Button>
    }
  >
    {what} in {left} s. Nothing has changed yet.
  </Alert>
);

/**
 * Confirms a decision: Enter confirms (the button has the focus), Esc cancels. With `undoWhat`
 * ("Approving ap3"), the decision is sent only after an undo window (Esc undoes it).
 */
export const ConfirmDialog = ({
  open,
  title,
  confirmLabel,
  onClose,
  onConfirm,
  pending,
  children,
  color = 'primary',
  undoWhat,
  onUndo,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  onClose: () => void;
  onConfirm: () => void;
  pending?: boolean;
  children?: ReactNode;
  color?: 'primary' | 'success' | 'error';
  undoWhat?: string;
  onUndo?: () => void;
}) => {
  const undo = useUndoWindow(open);
  const cancel = () => {
    if (undo.counting) {
      undo.undo();
      onUndo?.();
    }
    onClose();
  };
  return (
    <Dialog open={open} onClose={cancel} maxWidth="sm" fullWidth aria-labelledby="confirm-title">
      <DialogTitle id="confirm-title">{title}</DialogTitle>
      <DialogContent>
        {children}
        {undo.counting && undoWhat ? <UndoBar left={undo.left ?? 0} what={undoWhat} onUndo={cancel} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={cancel}>Cancel (Esc)</Button>
        <Button
          variant="contained"
          color={color}
          onClick={() => (undoWhat ? undo.start(onConfirm) : onConfirm())}
          disabled={pending || undo.counting}
          autoFocus
          data-testid="confirm"
        >
          {confirmLabel} (Enter)
        </Button>
      </DialogActions>
    </Dialog>
  );
};

export interface DecisionValues {
  reason: string;
  note: string;
}

/**
 * A decision with a reason and a note: the note has the focus, Ctrl+Enter submits.
 * `noteRequired(reason)` says when the note may not be empty.
 */
export const DecisionDialog = ({
  open,
  title,
  confirmLabel,
  reasons,
  initialReason,
  noteLabel,
  noteRequired,
  onClose,
  onConfirm,
  pending,
  children,
  undoWhat,
  onUndo,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  reasons: readonly string[];
  initialReason: string;
  noteLabel: string;
  noteRequired: (reason: string) => boolean;
  onClose: () => void;
  onConfirm: (v: DecisionValues) => void;
  pending?: boolean;
  children?: ReactNode;
  /** "Rejecting ap3": the decision waits for an undo window before it is sent. */
  undoWhat?: string;
  onUndo?: () => void;
}) => {
  const [values, setValues] = useState<DecisionValues>({ reason: initialReason, note: '' });
  useEffect(() => {
    if (open) setValues({ reason: initialReason, note: '' });
  }, [open, initialReason]);
  const undo = useUndoWindow(open);
  const needsNote = noteRequired(values.reason) && !values.note.trim();
  const tooLong = values.note.length > NOTE_MAX;
  const blocked = needsNote || tooLong || !values.reason || pending || undo.counting;
  const submit = () => {
    if (blocked) return;
    const v = { reason: values.reason, note: values.note.trim() };
    if (undoWhat) undo.start(() => onConfirm(v));
    else onConfirm(v);
  };
  const cancel = () => {
    if (undo.counting) {
      undo.undo();
      onUndo?.();
    }
    onClose();
  };
  return (
    <Dialog open={open} onClose={cancel} maxWidth="sm" fullWidth aria-labelledby="decision-title">
      <DialogTitle id="decision-title">{title}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
        {children}
        <TextField
          select
          label="Reason"
          name="reason"
          value={values.reason}
          onChange={(e) => setValues((v) => ({ ...v, reason: e.target.value }))}
        >
          {reasons.map((r) => (
            <MenuItem key={r} value={r}>
              {r.replace(/_/g, ' ')}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={noteLabel}
          name="note"
          value={values.note}
          autoFocus
          multiline
          minRows={3}
          error={tooLong || (needsNote && values.note.length > 0)}
          helperText={
            tooLong
              ? `${values.note.length.toLocaleString('en-US')} characters: shorten it to at most ${NOTE_MAX.toLocaleString('en-US')}`
              : needsNote
                ? `Write a note: it is required for “${values.reason.replace(/_/g, ' ')}”. Ctrl+Enter submits.`
                : `${values.note.length.toLocaleString('en-US')} of ${NOTE_MAX.toLocaleString('en-US')} characters. Ctrl+Enter submits.`
          }
          onChange={(e) => setValues((v) => ({ ...v, note: e.target.value }))}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
        {undo.counting && undoWhat ? <UndoBar left={undo.left ?? 0} what={undoWhat} onUndo={cancel} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={cancel}>Cancel (Esc)</Button>
        <Button variant="contained" color="error" disabled={blocked} onClick={submit} data-testid="confirm">
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

export interface BulkPreview {
  /** Lines for what will happen, and for what is skipped (with why). */
  will: string[];
  skipped: string[];
}

/** What a bulk action will do, from the server's dry run, before anything is written. */
export const BulkPreviewDialog = ({
  open,
  title,
  preview,
  confirmLabel,
  done,
  onClose,
  onConfirm,
  pending,
  children,
}: {
  open: boolean;
  title: string;
  preview: BulkPreview | null;
  confirmLabel: string;
  /** What happens to each, in the past tense ("approved"). */
  done: string;
  onClose: () => void;
  onConfirm: () => void;
  pending?: boolean;
  children?: ReactNode;
}) => (
  <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="bulk-title">
    <DialogTitle id="bulk-title">{title}</DialogTitle>
    <DialogContent>
      {children}
      {preview ? (
        <div data-testid="bulk-preview">
          <Alert severity={preview.will.length ? 'info' : 'warning'} sx={{ my: 1 }}>
            {preview.will.length} will be {done}, {preview.skipped.length} skipped. Nothing has changed yet.
          </Alert>
          <PreviewList title="Will happen" lines={preview.will} />
          <PreviewList title="Skipped" lines={preview.skipped} />
        </div>
      ) : (
        <Typography color="text.secondary">Asking the server what would happen…</Typography>
      )}
    </DialogContent>
    <DialogActions>
      <Button onClick={onClose}>Cancel (Esc)</Button>
      <Button variant="contained" onClick={onConfirm} disabled={pending || !preview?.will.length} autoFocus data-testid="confirm">
        {confirmLabel} ({preview?.will.length ?? 0})
      </Button>
    </DialogActions>
  </Dialog>
);

const PreviewList = ({ title, lines }: { title: string; lines: string[] }) =>
  lines.length ? (
    <>
      <Typography variant="subtitle2">{title}</Typography>
      <List dense>
        {lines.slice(0, 50).map((l) => (
          <ListItem key={l}>{l}</ListItem>
        ))}
        {lines.length > 50 ? <ListItem>…and {lines.length - 50} more</ListItem> : null}
      </List>
    </>
  ) : null;
