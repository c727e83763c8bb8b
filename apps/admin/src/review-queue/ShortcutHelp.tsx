import KeyboardIcon from '@mui/icons-material/Keyboard';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useEffect } from 'react';

export interface Shortcut {
  keys: string[];
  what: string;
}

const Key = ({ k }: { k: string }) => (
  <Box
    component="kbd"
    sx={{
      px: 0.75,
      py: 0.25,
      mr: 0.5,
      border: 1,
      borderColor: 'divider',
      borderRadius: 1,
      fontFamily: 'monospace',
      bgcolor: 'action.hover',
    }}
  >
    {k}
  </Box>
);

/** The keyboard shortcuts of a screen; `?` opens it, Esc closes it. */
export const ShortcutHelp = ({
  open,
  onClose,
  shortcuts,
  title,
}: {
  open: boolean;
  onClose: () => void;
  shortcuts: Shortcut[];
  title: string;
}) => (
  <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="shortcut-help-title">
    <DialogTitle id="shortcut-help-title">{title}</DialogTitle>
    <DialogContent>
      <Table size="small">
        <TableBody>
          {shortcuts.map((s) => (
            <TableRow key={s.what}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {s.keys.map((k) => (
                  <Key key={k} k={k} />
                ))}
              </TableCell>
              <TableCell>{s.what}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </DialogContent>
    <DialogActions>
      <Button onClick={onClose} autoFocus>
        Close
      </Button>
    </DialogActions>
  </Dialog>
);

/** `?` toggles the help; a button says the shortcuts exist. */
export const ShortcutButton = ({ onOpen }: { onOpen: () => void }) => {
  // `?` is Shift plus a layout-dependent key: match the character typed.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== '?' || target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      e.preventDefault();
      onOpen();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onOpen]);
  return (
    <Button size="small" startIcon={<KeyboardIcon />} onClick={onOpen} title="Keyboard shortcuts (?)">
      Keys (?)
    </Button>
  );
};
