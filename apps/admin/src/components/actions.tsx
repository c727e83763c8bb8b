import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { useCanAccess, useLogoutIfAccessDenied, useNotify, useRefresh } from 'react-admin';
import { dataProvider, type ConsoleDataProvider } from '../dataProvider';
import { describeError } from '../errors';

/** A failed request in words: what went wrong and what to do (errors.ts). */
export const errorMessage = (e: unknown): string => describeError(e);

/**
 * Runs a domain action through the data provider: success → notice and refresh; 401 →
 * signed out; 403 → "You don't have access to this"; other errors → the API's message.
 */
export function useAction() {
  const notify = useNotify();
  const refresh = useRefresh();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const [pending, setPending] = useState(false);
  async function run<T>(fn: (dp: ConsoleDataProvider) => Promise<T>, success?: string | ((r: T) => string)): Promise<T | undefined> {
    setPending(true);
    try {
      const result = await fn(dataProvider);
      if (success) notify(typeof success === 'function' ? success(result) : success, { type: 'success' });
      refresh();
      return result;
    } catch (e) {
      if (!(await logoutIfAccessDenied(e))) notify(errorMessage(e), { type: 'error', multiLine: true });
      return undefined;
    } finally {
      setPending(false);
    }
  }
  return { run, pending };
}

/** Renders children only when the signed-in roles may do `action` on `resource`. */
export const IfCan = ({ resource, action, children }: { resource: string; action: string; children: ReactNode }) => {
  const { canAccess } = useCanAccess({ resource, action });
  return canAccess ? <>{children}</> : null;
};

export interface ReasonField {
  name: string;
  label: string;
  /** A select when given. */
  choices?: readonly string[];
  required?: boolean;
  multiline?: boolean;
  initial?: string;
  helperText?: string;
  /** The API's limit (libs/core/src/text-limits.ts): longer text is refused here, before the server has to. */
  maxLength?: number;
}

/** A dialog asking for a reason (and/or a note) before an action. */
export const ReasonDialog = ({
  open,
  title,
  fields,
  confirmLabel,
  onClose,
  onConfirm,
  pending,
  children,
}: {
  open: boolean;
  title: string;
  fields: ReasonField[];
  confirmLabel: string;
  onClose: () => void;
  onConfirm: (values: Record<string, string>) => void | Promise<void>;
  pending?: boolean;
  children?: ReactNode;
}) => {
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? '']));
  const [values, setValues] = useState<Record<string, string>>(initial);
  // Reset only when the dialog opens: `initial` is rebuilt on every render.
  useEffect(() => (open ? setValues(initial()) : undefined), [open]);
  const missing = fields.some((f) => f.required && !values[f.name]?.trim());
  const tooLong = (f: ReasonField) => f.maxLength !== undefined && (values[f.name]?.length ?? 0) > f.maxLength;
  const helper = (f: ReasonField) =>
    tooLong(f)
      ? `${(values[f.name] ?? '').length.toLocaleString('en-US')} characters: shorten it to at most ${f.maxLength!.toLocaleString('en-US')}`
      : f.helperText;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
        {children}
        {fields.map((f) =>
          f.choices ? (
            <TextField
              key={f.name}
              select
              label={f.label}
              name={f.name}
              value={values[f.name] ?? ''}
              required={f.required}
              helperText={f.helperText}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            >
              {f.choices.map((c) => (
                <MenuItem key={c} value={c}>
                  {c.replace(/_/g, ' ')}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <TextField
              key={f.name}
              label={f.label}
              name={f.name}
              value={values[f.name] ?? ''}
              required={f.required}
              multiline={f.multiline}
              minRows={f.multiline ? 3 : undefined}
              error={tooLong(f)}
              helperText={helper(f)}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            />
          ),
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={missing || pending || fields.some(tooLong)} onClick={() => onConfirm(values)}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
