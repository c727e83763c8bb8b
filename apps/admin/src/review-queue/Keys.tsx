import { useHotkeys } from 'react-hotkeys-hook';

/** Single-letter shortcuts of a screen (never while typing in a field), off while a dialog is open. */
export const Keys = ({ on, enabled }: { on: Record<string, () => void>; enabled: boolean }) => {
  useHotkeys(Object.keys(on).join(','), (e) => on[e.key.toLowerCase()]?.(), { enabled, preventDefault: true }, [on]);
  return null;
};
