import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { Page } from './list-query.js';

/** Lists return a Page: the body is its rows, the total goes in Content-Range, its basis in X-Total-Basis. */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (!(body instanceof Page)) return body;
        const res = context.switchToHttp().getResponse<Response>();
        res.setHeader('Content-Range', body.contentRange);
        res.setHeader('X-Total-Basis', body.basis);
        return body.rows;
      }),
    );
  }
}
