import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from './csv-format.js';

/** The downloadable template: the header and two example rows (docs/catalog-csv.md). */
export function catalogCsvTemplate(): string {
  return stringify([
    [...CSV_COLUMNS],
    [
      'BOLT-M8-40',
      'Hex bolt M8 x 40, zinc plated',
      'DIN 933, property class 8.8.\nSold per piece.',
      'fasteners',
      'piece',
      '100',
      '50',
      '3',
      '25000',
      'EUR',
      '0.12',
      '100:0.12|1000:0.10|10000:0.08',
      'Material=Steel|Thread=M8|Length=40 mm',
      'draft',
    ],
    [
      'PUMP-H-200',
      'Hydraulic gear pump 200 bar',
      '',
      '',
      'piece',
      '1',
      '1',
      '14',
      '12',
      'USD',
      '349.00',
      '',
      'Pressure=200 bar',
      '',
    ],
  ]);
}
