import { downloadCSV, type Exporter } from 'react-admin';
import { toCsv, type CsvColumn } from './csv';

export * from './csv';

/** A react-admin exporter for a list with these columns (file named after the resource, or `name`). */
export const exporterOf =
  <R>(columns: CsvColumn<R>[], name?: string): Exporter =>
  (records, _fetchRelated, _dataProvider, resource) =>
    downloadCSV(toCsv(records as R[], columns), name ?? resource ?? 'export');
