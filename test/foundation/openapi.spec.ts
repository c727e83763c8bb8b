import { describe, expect, it } from '@jest/globals';
import { documentWithoutServices } from '../../apps/api/src/openapi.js';

/** The OpenAPI document (built without services, as `npm run api-types` does) describes every list and the main records. */
describe('OpenAPI document', () => {
  it("documents every list's sort, range and filter fields, and the records the console reads", async () => {
    const doc = await documentWithoutServices();
    const lists = Object.entries(doc.paths).filter(([, item]) => item.get?.operationId?.endsWith('Controller_list'));
    expect(lists.length).toBeGreaterThanOrEqual(20);
    for (const [path, item] of lists) {
      const params = (item.get!.parameters ?? []) as { name: string; content?: Record<string, { schema: { properties?: object } }> }[];
      expect({ path, params: params.map((p) => p.name).sort() }).toEqual({ path, params: ['filter', 'range', 'sort'] });
      const filter = params.find((p) => p.name === 'filter')!;
      expect(Object.keys(filter.content!['application/json'].schema.properties ?? {}).length).toBeGreaterThan(0);
    }
    const members = doc.paths['/api/members'].get!.parameters as {
      name: string;
      content?: Record<string, { schema: { properties: object } }>;
    }[];
    expect(Object.keys(members.find((p) => p.name === 'filter')!.content!['application/json'].schema.properties).sort()).toEqual(
      ['country', 'earningsExcluded', 'id', 'joinedAt', 'joinedAt_gte', 'joinedAt_lte', 'q'].sort(),
    );
    const schemas = Object.keys(doc.components?.schemas ?? {});
    expect(schemas).toEqual(
      expect.arrayContaining([
        'MemberView',
        'MemberDetail',
        'PublicationView',
        'PublicationDetail',
        'PayoutRunView',
        'StoryEarningView',
        'StatementView',
        'TicketRecord',
        'TicketDetailRecord',
        'ExplanationRecord',
      ]),
    );
  });

  it('documents the response of every list and show route (the console generates its types from them)', async () => {
    const doc = await documentWithoutServices();
    const reads = Object.entries(doc.paths).filter(([, item]) => /Controller_(list|get)$/.test(item.get?.operationId ?? ''));
    expect(reads.length).toBeGreaterThanOrEqual(40);
    const undocumented = reads
      .filter(([, item]) => {
        const ok = item.get!.responses?.['200'] as { content?: Record<string, { schema?: object }> } | undefined;
        return !ok?.content?.['application/json']?.schema;
      })
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
  });
});
