import pg from 'pg';

export default async function globalTeardown() {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (admin && process.env.TEST_TEMPLATE_DB) {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${process.env.TEST_TEMPLATE_DB} WITH (FORCE)`);
    await client.end();
  }
  await globalThis.__stopPostgres?.();
}
