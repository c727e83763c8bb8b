import { ApiProperty, PickType } from '@nestjs/swagger';
import { StaffUserRecord } from '../staff/staff.dto.js';

/* What the auth routes answer (OpenAPI; the console's types come from these). */

export class SecondFactorStatusRecord {
  @ApiProperty() enrolled!: boolean;
  @ApiProperty({ description: 'finance and admin must enrol before anything else' }) required!: boolean;
  @ApiProperty({ type: 'integer' }) recoveryCodesLeft!: number;
}

/** `GET /api/auth/me`: who is signed in, and their second-factor state. */
export class StaffIdentityRecord extends PickType(StaffUserRecord, ['id', 'email', 'name', 'roles'] as const) {
  @ApiProperty({ type: SecondFactorStatusRecord }) secondFactor!: SecondFactorStatusRecord;
}

/** Enrolment, step 1: a new TOTP secret and its QR code. */
export class SecondFactorEnrolmentRecord {
  @ApiProperty() secret!: string;
  @ApiProperty() otpauthUri!: string;
  @ApiProperty({ description: 'the otpauth URI as an SVG QR code' }) qrSvg!: string;
}
