/** Counts with thousands separators ("1,234"). */
export const formatCount = (n: number | undefined | null) => (n === undefined || n === null ? '—' : n.toLocaleString('en-US'));
