import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { TransactionScope } from './transaction-scope.js';

/** Money writes happen once: the transaction scope services join, and the interceptor @MoneyWrite routes use. */
@Global()
@Module({
  providers: [TransactionScope, IdempotencyRepository, IdempotencyInterceptor],
  exports: [TransactionScope, IdempotencyRepository, IdempotencyInterceptor],
})
export class IdempotencyModule {}
