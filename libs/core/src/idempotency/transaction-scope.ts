import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

interface OpenTransaction {
  manager: EntityManager;
  afterCommit: (() => Promise<unknown>)[];
}

const open = new AsyncLocalStorage<OpenTransaction>();

/**
 * One transaction per money write, whoever opens it: the idempotency interceptor opens it
 * around a @MoneyWrite route (so that the stored key commits with the effect), and the
 * services' `run` joins it; called anywhere else (a job, the scheduler), `run` opens its
 * own. Work that must follow the commit (queueing a job the worker must find committed)
 * goes to `afterCommit`.
 *
 * A few lines over AsyncLocalStorage rather than @nestjs-cls/transactional: that plugin has
 * no after-commit hook, which the payout run's queueing needs.
 */
@Injectable()
export class TransactionScope {
  constructor(private readonly dataSource: DataSource) {}

  /** The open transaction's manager, else the data source: reads that must see the request's own writes. */
  get db(): DataSource | EntityManager {
    return open.getStore()?.manager ?? this.dataSource;
  }

  /** Runs `fn` in the open transaction, or in a new one (committed before this returns). */
  run<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const current = open.getStore();
    return current ? fn(current.manager) : this.outermost(fn);
  }

  /** A new outermost transaction for everything `fn` calls; after-commit work runs once it committed. */
  async outermost<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const afterCommit: OpenTransaction['afterCommit'] = [];
    const result = await this.dataSource.transaction((manager) => open.run({ manager, afterCommit }, () => fn(manager)));
    for (const work of afterCommit) await work();
    return result;
  }

  /** Runs `work` after the open transaction commits (never if it rolls back), or now when none is open. */
  async afterCommit(work: () => Promise<unknown>): Promise<void> {
    const current = open.getStore();
    if (current) current.afterCommit.push(work);
    else await work();
  }
}
