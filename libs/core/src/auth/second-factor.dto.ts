import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { OptionalNotNull } from '../http/validation.js';
import { MAX_REASON_LENGTH } from '../text-limits.js';

/** Six digits from the authenticator app. */
export const TOTP_CODE = /^\d{6}$/;
/** A recovery code as shown (xxxxx-xxxxx), or typed without the dash. */
export const RECOVERY_CODE = /^[a-zA-Z2-7]{5}-?[a-zA-Z2-7]{5}$/;

export class ConfirmEnrolmentDto {
  @ApiProperty({ example: '123456' }) @IsString() @Length(6, 6) @Matches(TOTP_CODE, { message: 'code must be six digits' }) code!: string;
}

/** A code or a recovery code (one of them). */
export class SecondFactorProofDto {
  @ApiPropertyOptional({ example: '123456' })
  @OptionalNotNull()
  @IsString()
  @Length(6, 6)
  @Matches(TOTP_CODE, { message: 'code must be six digits' })
  code?: string;
  @ApiPropertyOptional({ example: 'abcde-fghij' })
  @OptionalNotNull()
  @IsString()
  @Length(10, 11)
  @Matches(RECOVERY_CODE, { message: 'recoveryCode must look like xxxxx-xxxxx' })
  recoveryCode?: string;
}

export class ResetSecondFactorDto {
  @ApiProperty() @IsString() @Length(3, MAX_REASON_LENGTH) reason!: string;
}
