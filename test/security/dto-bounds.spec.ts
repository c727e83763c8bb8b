import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/internal.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { startTestApp, type TestApp } from '../support/app.js';

type Dto = new () => object;

/** Every validation rule of a DTO, by property. */
function rulesOf(dto: Dto): Map<string, { name: string; constraints: unknown[] }[]> {
  const rules = new Map<string, { name: string; constraints: unknown[] }[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const list = rules.get(m.propertyName) ?? [];
    list.push({ name: m.name ?? m.type, constraints: m.constraints ?? [] });
    rules.set(m.propertyName, list);
  }
  return rules;
}

/**
 * Keeps the DTOs strict as they change: no `@IsOptional` (it lets null through), every text
 * bounded, every number bounded on both sides, every list capped.
 */
describe('DTO bounds: every body field is bounded and refuses null unless it says otherwise', () => {
  let t: TestApp;
  const dtos = new Map<string, Dto>();

  beforeAll(async () => {
    t = await startTestApp();
    const scanner = t.app.get(MetadataScanner);
    for (const wrapper of t.app.get(DiscoveryService).getControllers()) {
      const cls = wrapper.metatype as Dto | undefined;
      if (!cls) continue;
      for (const name of scanner.getAllMethodNames(cls.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, name) ?? {}) as Record<string, { index: number }>;
        const types = (Reflect.getMetadata('design:paramtypes', cls.prototype, name) ?? []) as Dto[];
        for (const [key, { index }] of Object.entries(args)) {
          const type = types[index];
          if (key.startsWith(`${RouteParamtypes.BODY}:`) && type && type !== (Object as unknown)) dtos.set(type.name, type);
        }
      }
    }
  });
  afterAll(() => t.close());

  it('finds the body DTOs of the routes and reads their rules', () => {
    expect(dtos.size).toBeGreaterThanOrEqual(20);
    expect(
      rulesOf(dtos.get('CreateTicketDto')!)
        .get('subject')!
        .map((r) => r.name),
    ).toEqual(expect.arrayContaining(['isString', 'isLength']));
    expect(
      rulesOf(dtos.get('CreateAdjustmentDto')!)
        .get('amountMicros')!
        .map((r) => r.name),
    ).toEqual(expect.arrayContaining(['isInt', 'min', 'max']));
  });

  it('no field uses @IsOptional (null would pass): @OptionalNotNull or @Nullable say which is meant', () => {
    const offenders = [...dtos].flatMap(([name, dto]) =>
      [...rulesOf(dto)].filter(([, r]) => r.some((x) => x.name === 'isOptional')).map(([p]) => `${name}.${p}`),
    );
    expect(offenders).toEqual([]);
  });

  it('every text has a maximum length, every number a minimum and a maximum, every list a maximum size', () => {
    const problems: string[] = [];
    for (const [name, dto] of dtos) {
      for (const [property, rules] of rulesOf(dto)) {
        const has = (...names: string[]) => rules.some((r) => names.includes(r.name));
        const field = `${name}.${property}`;
        if (has('isString') && !has('maxLength', 'isLength', 'isIn', 'isUUID', 'matches'))
          problems.push(`${field}: text without a maximum length`);
        if (has('isInt', 'isNumber') && !(has('min') && has('max'))) problems.push(`${field}: number without both bounds`);
        if (has('isArray') && !has('arrayMaxSize')) problems.push(`${field}: list without a maximum size`);
      }
    }
    expect(problems).toEqual([]);
  });
});
