import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The live-feed kinds whose arrival a domain reacts to (evaluation at submission). */
export type HookedKind = 'applications' | 'nominations' | 'tickets';
export type IntakeHook = (manager: EntityManager, ids: string[]) => Promise<void>;

/** A period whose reading data (sessions, engagements) a committed intake merge changed, at its new version. */
export interface ReadingChange {
  period: string;
  version: number;
}
export type ReadingListener = (changes: ReadingChange[]) => Promise<void>;

/**
 * Lets a domain react to records that intake just inserted or updated, inside intake's
 * own transaction (so a record and its evaluation land together). Domains register in
 * onModuleInit; intake runs the hooks after each merge. Reading listeners hear, after the
 * commit, which periods' reading changed (the integrity detection queues itself on it).
 */
@Injectable()
export class IntakeHooks {
  private readonly hooks = new Map<HookedKind, IntakeHook[]>();
  private readonly readingListeners: ReadingListener[] = [];
  private readonly log = new Logger('IntakeHooks');

  register(kind: HookedKind, hook: IntakeHook): void {
    this.hooks.set(kind, [...(this.hooks.get(kind) ?? []), hook]);
  }

  async run(kind: string, manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const hook of this.hooks.get(kind as HookedKind) ?? []) await hook(manager, ids);
  }

  onReadingChanged(listener: ReadingListener): void {
    this.readingListeners.push(listener);
  }

  /** After the commit: a listener that fails is logged, never the intake's failure (its records are stored). */
  async readingChanged(changes: ReadingChange[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.readingListeners) {
      await listener(changes).catch((e: Error) => this.log.error(`a reading listener failed: ${e.message}`));
    }
  }
}
