import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { LoginDto } from '../staff/staff.dto.js';
import { AnyStaff, CurrentStaff, Public, type Actor } from './access.decorators.js';
import { AuthService, type SignedIn } from './auth.service.js';
import { ConfirmEnrolmentDto, SecondFactorProofDto } from './second-factor.dto.js';
import { SecondFactorService } from './second-factor.service.js';
import { OpenForEnrolment } from './step-up.decorator.js';
import { ValidatedBody } from './validated-body.guard.js';
import { SecondFactorEnrolmentRecord, StaffIdentityRecord } from './auth-views.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ValidatedBody(LoginDto), AuthGuard('local'))
  async login(@Body() _body: LoginDto, @CurrentStaff() actor: SignedIn) {
    const issued = await this.auth.issueToken(actor);
    return { ...issued, secondFactor: await this.secondFactor.status(actor.id) };
  }

  /** Who is signed in, and the second-factor state (a finance or admin account without one must enrol). */
  @Get('me')
  @ApiOkResponse({ type: StaffIdentityRecord })
  @AnyStaff()
  @OpenForEnrolment()
  @ApiBearerAuth()
  async me(@CurrentStaff() actor: Actor) {
    const { id, email, name, roles } = actor;
    return { id, email, name, roles, secondFactor: await this.secondFactor.status(id) };
  }

  /** Ends this token's session (the token is refused from now on). */
  @Post('logout')
  @AnyStaff()
  @OpenForEnrolment()
  @ApiBearerAuth()
  @HttpCode(204)
  logout(@CurrentStaff() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  /** Enrolment, step 1: a new TOTP secret with its QR code (SVG) to scan. */
  @Post('second-factor/enrol')
  @ApiOkResponse({ type: SecondFactorEnrolmentRecord })
  @AnyStaff()
  @OpenForEnrolment()
  @ApiBearerAuth()
  @HttpCode(200)
  beginEnrolment(@CurrentStaff() actor: Actor) {
    return this.secondFactor.begin(actor);
  }

  /** Enrolment, step 2: the first code turns the factor on; the 10 recovery codes are in this answer only. */
  @Post('second-factor/confirm')
  @AnyStaff()
  @OpenForEnrolment()
  @ApiBearerAuth()
  @HttpCode(200)
  confirmEnrolment(@CurrentStaff() actor: Actor, @Body() dto: ConfirmEnrolmentDto, @Req() req: Request) {
    return this.secondFactor.confirm(actor, dto.code, req.ip ?? null);
  }

  /** A fresh second-factor confirmation: money actions pass for STEP_UP_MINUTES. */
  @Post('step-up')
  @AnyStaff()
  @ApiBearerAuth()
  @HttpCode(200)
  stepUp(@CurrentStaff() actor: Actor, @Body() dto: SecondFactorProofDto, @Req() req: Request) {
    return this.secondFactor.stepUp(actor, dto, req.ip ?? null);
  }
}
