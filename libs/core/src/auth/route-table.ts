import { type INestApplicationContext, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, type Access } from './access.decorators.js';
import { STEP_UP_KEY } from './step-up.decorator.js';
import { MONEY_WRITE_KEY } from '../idempotency/money-write.decorator.js';

export interface RouteAccess {
  method: string;
  /** Path under the global prefix, with Nest's `:param` placeholders. */
  path: string;
  handler: string;
  access: Access | undefined;
  /** Needs a recent second-factor confirmation (@StepUp, or @MoneyWrite which implies it). */
  stepUp: boolean;
  /** Marked @MoneyWrite (idempotency key, one transaction). */
  moneyWrite: boolean;
}

const join = (...parts: string[]) =>
  `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/** Every HTTP route of the app with the access it declares: for the boot check and the role tests. */
export function routeTable(app: INestApplicationContext): RouteAccess[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const cls = wrapper.metatype as { prototype: Record<string, unknown>; name: string } | undefined;
    if (!cls) continue;
    const base = (Reflect.getMetadata(PATH_METADATA, cls) as string | undefined) ?? '';
    for (const name of scanner.getAllMethodNames(cls.prototype)) {
      const fn = cls.prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
      const access = reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [fn as never, cls as never]);
      const flag = (key: string) => reflector.getAllAndOverride<boolean | undefined>(key, [fn as never, cls as never]) === true;
      routes.push({
        method,
        path: join(base, path),
        handler: `${cls.name}.${name}`,
        access,
        stepUp: flag(STEP_UP_KEY),
        moneyWrite: flag(MONEY_WRITE_KEY),
      });
    }
  }
  return routes;
}

/** Closed by default: the api refuses to boot when a route forgot to declare who may call it. */
export function assertEveryRouteDeclaresAccess(app: INestApplicationContext): void {
  const open = routeTable(app).filter((r) => !r.access);
  if (open.length) throw new Error(`Routes without declared access: ${open.map((r) => `${r.method} ${r.path} (${r.handler})`).join(', ')}`);
}
