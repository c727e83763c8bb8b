import { Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError } from '../../http/errors.js';
import { CurrentStaff, Roles, type Actor } from '../../auth/access.decorators.js';
import { BOARD_PATH, BoardSessions } from './board-session.js';

export const BOARD_SESSIONS = Symbol('BOARD_SESSIONS');

@ApiTags('queue-board')
@ApiBearerAuth()
@Controller('queue-board')
export class QueueBoardController {
  constructor(@Inject(BOARD_SESSIONS) private readonly sessions: BoardSessions) {}

  /**
   * An admin's short-lived cookie for the queue dashboard at /api/queues (see board-session.ts); answers where to go.
   * It reads one header, not the request, so the body rules see a route that takes no body.
   */
  @Post('session')
  @HttpCode(200)
  @Roles('admin')
  session(
    @CurrentStaff() actor: Actor,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const cap = this.sessions.bearerExpiry(authorization);
    const cookie = cap ? this.sessions.cookie(actor.id, cap, res.req.secure) : null;
    if (!cookie) throw new ApiError(401, 'unauthorized', 'the bearer token is about to expire: sign in again');
    res.setHeader('Set-Cookie', cookie);
    return { url: `${BOARD_PATH}/` };
  }
}
