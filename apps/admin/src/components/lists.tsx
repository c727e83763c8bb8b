import type { ReactElement, ReactNode } from 'react';
import { CreateButton, ExportButton, FilterButton, TextInput, TopToolbar, useCanAccess, useResourceContext } from 'react-admin';
import { endOfUtcDay, startOfUtcDay } from '../dates';

/** The server caps a page at 10,000 rows; export up to that many with the list's filters and sort. */
export const EXPORT_MAX = 10_000;

/** List toolbar: filters, create (when the roles may), CSV export of the filtered list, and extra buttons. */
export const ListActions = ({ children, create }: { children?: ReactNode; create?: boolean }) => {
  const resource = useResourceContext();
  const { canAccess: canCreate } = useCanAccess({ resource: resource ?? '', action: 'create' });
  return (
    <TopToolbar>
      <FilterButton />
      {children}
      {create && canCreate ? <CreateButton /> : null}
      <ExportButton maxResults={EXPORT_MAX} />
    </TopToolbar>
  );
};

/**
 * A pair of date inputs filtering `<source>_gte` / `<source>_lte` on whole UTC days.
 * The dialect compares timestamps; the inputs are days.
 */
export function dateRangeFilters(source: string, label: string): ReactElement[] {
  return [
    <TextInput
      key={`${source}_gte`}
      source={`${source}_gte`}
      label={`${label} from (UTC)`}
      type="date"
      parse={startOfUtcDay}
      format={(v?: string) => (v ? v.slice(0, 10) : '')}
      slotProps={{ inputLabel: { shrink: true } }}
    />,
    <TextInput
      key={`${source}_lte`}
      source={`${source}_lte`}
      label={`${label} to (UTC)`}
      type="date"
      parse={endOfUtcDay}
      format={(v?: string) => (v ? v.slice(0, 10) : '')}
      slotProps={{ inputLabel: { shrink: true } }}
    />,
  ];
}

export const choices = (values: readonly string[]) => values.map((v) => ({ id: v, name: v.replace(/_/g, ' ') }));
