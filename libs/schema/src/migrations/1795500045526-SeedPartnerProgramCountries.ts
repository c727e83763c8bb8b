import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Partner Program's original supported-country list (program launch, 2017-08-01):
 * 42 countries where writers could hold a Stripe Connect (Express) payout account, all
 * payable. Admins edit the list afterwards in the console (`/api/countries`).
 *
 * Europe (31): AT Austria, BE Belgium, BG Bulgaria, HR Croatia, CY Cyprus, CZ Czechia,
 *   DK Denmark, EE Estonia, FI Finland, FR France, DE Germany, GR Greece, HU Hungary,
 *   IE Ireland, IT Italy, LV Latvia, LI Liechtenstein, LT Lithuania, LU Luxembourg,
 *   MT Malta, NL Netherlands, NO Norway, PL Poland, PT Portugal, RO Romania, SK Slovakia,
 *   SI Slovenia, ES Spain, SE Sweden, CH Switzerland, GB United Kingdom
 * Americas (4): BR Brazil, CA Canada, MX Mexico, US United States
 * Asia-Pacific and Middle East (7): AU Australia, HK Hong Kong, IN India, JP Japan,
 *   NZ New Zealand, SG Singapore, AE United Arab Emirates
 * 31 + 4 + 7 = 42. Existing rows are left as they are (ON CONFLICT DO NOTHING).
 */
export const ORIGINAL_COUNTRIES: ReadonlyArray<readonly [string, string]> = [
  ['AE', 'United Arab Emirates'], ['AT', 'Austria'], ['AU', 'Australia'], ['BE', 'Belgium'], ['BG', 'Bulgaria'],
  ['BR', 'Brazil'], ['CA', 'Canada'], ['CH', 'Switzerland'], ['CY', 'Cyprus'], ['CZ', 'Czechia'],
  ['DE', 'Germany'], ['DK', 'Denmark'], ['EE', 'Estonia'], ['ES', 'Spain'], ['FI', 'Finland'],
  ['FR', 'France'], ['GB', 'United Kingdom'], ['GR', 'Greece'], ['HK', 'Hong Kong'], ['HR', 'Croatia'],
  ['HU', 'Hungary'], ['IE', 'Ireland'], ['IN', 'India'], ['IT', 'Italy'], ['JP', 'Japan'],
  ['LI', 'Liechtenstein'], ['LT', 'Lithuania'], ['LU', 'Luxembourg'], ['LV', 'Latvia'], ['MT', 'Malta'],
  ['MX', 'Mexico'], ['NL', 'Netherlands'], ['NO', 'Norway'], ['NZ', 'New Zealand'], ['PL', 'Poland'],
  ['PT', 'Portugal'], ['RO', 'Romania'], ['SE', 'Sweden'], ['SG', 'Singapore'], ['SI', 'Slovenia'],
  ['SK', 'Slovakia'], ['US', 'United States'],
];

export class SeedPartnerProgramCountries1795500045526 implements MigrationInterface {
  name = 'SeedPartnerProgramCountries1795500045526';

  async up(q: QueryRunner): Promise<void> {
    if (ORIGINAL_COUNTRIES.length !== 42) throw new Error('the original list has 42 countries');
    await q.query(
      `INSERT INTO countries (code, name, payable, date_added)
       SELECT c.code, c.name, true, DATE '2017-08-01' FROM jsonb_to_recordset($1::jsonb) AS c(code text, name text)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(ORIGINAL_COUNTRIES.map(([code, name]) => ({ code, name })))],
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only migration');
  }
}
