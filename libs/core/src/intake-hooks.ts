import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The live-feed kinds whose arrival a domain reacts to (evaluation at submission). */
export type HookedKind = 'applications' | 'nominations' | 'tickets';
export type IntakeHook = (manager: EntityManager, ids: string[]) => Promise<void>;

/**
 * Lets a domain react to records that intake just inserted or updated, inside intake's
 * own transaction (so a record and its evaluation land together). Domains register in
 * onModuleInit; intake runs the hooks after each merge.
 */
@Injectable()
export class IntakeHooks {
  private readonly hooks = new Map<HookedKind, IntakeHook[]>();

  register(kind: HookedKind, hook: IntakeHook): void {
    this.hooks.set(kind, [...(this.hooks.get(kind) ?? []), hook]);
  }

  async run(kind: string, manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const hook of this.hooks.get(kind as HookedKind) ?? []) await hook(manager, ids);
  }
}
