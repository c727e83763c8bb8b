import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiError } from '../../http/errors.js';
import { CurrentStaff, Roles, type Actor } from '../../auth/access.decorators.js';
import { BOARD_PATH, BoardSessions } from './board-session.js';

export const BOARD_SESSIONS = Symbol('BOARD_SESSIONS');

@ApiTags('queue-board')
@ApiBearerAuth()
@Controller('queue-board')
export class QueueBoardController {
  constructor(@Inject(BOARD_SESSIONS) private readonly sessions: BoardSessions) {}

  /** An admin's short-lived cookie for the queue dashboard at /api/queues (see board-session.ts); answers where to go. */
  @Post('session')
  @HttpCode(200)
  @Roles('admin')
  session(@CurrentStaff() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const cap = this.sessions.bearerExpiry(req.headers.authorization);
    const cookie = cap ? this.sessions.cookie(actor.id, cap, req.secure) : null;
    if (!cookie) throw new ApiError(401, 'unauthorized', 'the bearer token is about to expire: sign in again');
    res.setHeader('Set-Cookie', cookie);
    return { url: `${BOARD_PATH}/` };
  }
}
