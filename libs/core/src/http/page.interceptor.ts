import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { Page } from './list-query.js';

/** Lists return a Page: the body is its rows, the total goes in Content-Range. */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (!(body instanceof Page)) return body;
        context.switchToHttp().getResponse<Response>().setHeader('Content-Range', body.contentRange);
        return body.rows;
      }),
    );
  }
}
