import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LoginDto } from '../staff/staff.dto.js';
import { AnyStaff, CurrentStaff, Public, type Actor } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { ValidatedBody } from './validated-body.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ValidatedBody(LoginDto), AuthGuard('local'))
  login(@Body() _body: LoginDto, @CurrentStaff() actor: Actor) {
    return this.auth.issueToken(actor);
  }

  @Get('me')
  @AnyStaff()
  @ApiBearerAuth()
  me(@CurrentStaff() actor: Actor) {
    const { sessionId: _session, ...me } = actor;
    return me;
  }

  /** Ends this token's session (the token is refused from now on). */
  @Post('logout')
  @AnyStaff()
  @ApiBearerAuth()
  @HttpCode(204)
  logout(@CurrentStaff() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }
}
