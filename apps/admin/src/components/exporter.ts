import { defaultExporter, type Exporter } from 'react-admin';
import { centsToDecimalDollars, microsToDecimalDollars } from '../money';

/**
 * CSV export: the records as the API sends them (integer `...Micros` / `...Cents` kept
 * exact), each money field followed by the same amount in dollars ("...Usd", truncated
 * to the cent exactly as the screens show it).
 */
export function withDollarColumns(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = value;
    if (/Micros$/.test(key) && value !== null && typeof value !== 'object')
      out[key.replace(/Micros$/, 'Usd')] = microsToDecimalDollars(value as string);
    if (/Cents$/.test(key) && value !== null && typeof value !== 'object')
      out[key.replace(/Cents$/, 'Usd')] = centsToDecimalDollars(value as string);
  }
  return out;
}

export const csvExporter: Exporter = (records, fetchRelated, dataProvider, resource) =>
  defaultExporter(records.map(withDollarColumns), fetchRelated, dataProvider, resource);
