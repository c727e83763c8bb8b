import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { schemaDrift } from '../../libs/core/src/database/data-source.js';
import { SCHEMA } from '../../libs/schema/src/schema.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

describe('schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.drop());

  it('entities and migrations agree (no drift after all migrations)', async () => {
    expect(await schemaDrift(db.url, SCHEMA)).toEqual([]);
  });
});
