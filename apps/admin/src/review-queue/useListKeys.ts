import { useEffect, useState } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import { useListContext, type RaRecord } from 'react-admin';

/**
 * The queue list's keys: j/k move the focused row, x selects it, Enter or o opens it.
 * `enabled` is false while a dialog is open. The focused row is highlighted (rowSx) and
 * announced in a status line, and scrolled into view.
 */
export function useListKeys({ onOpen, enabled }: { onOpen: (record: RaRecord) => void; enabled: boolean }) {
  const { data = [], onToggleItem } = useListContext();
  const [index, setIndex] = useState(0);
  const focused = data[Math.min(index, data.length - 1)] as RaRecord | undefined;
  useEffect(() => setIndex((i) => Math.min(i, Math.max(0, data.length - 1))), [data.length]);
  useEffect(() => {
    const rows = document.querySelectorAll('tbody tr');
    (rows[index] as HTMLElement | undefined)?.scrollIntoView?.({ block: 'nearest' });
  }, [index]);
  const opts = { enabled: enabled && data.length > 0, preventDefault: true };
  useHotkeys('j', () => setIndex((i) => Math.min(i + 1, data.length - 1)), opts, [data.length]);
  useHotkeys('k', () => setIndex((i) => Math.max(i - 1, 0)), opts);
  useHotkeys('x', () => focused && onToggleItem(focused.id), opts, [focused]);
  useHotkeys('enter, o', () => focused && onOpen(focused), opts, [focused]);
  return {
    focused,
    position: data.length ? Math.min(index, data.length - 1) + 1 : 0,
    count: data.length,
    rowSx: (record: RaRecord) =>
      focused && record.id === focused.id
        ? { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: '-2px', bgcolor: 'action.selected' }
        : {},
  };
}
