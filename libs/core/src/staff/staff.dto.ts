import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { EchoedReadOnly, OptionalNotNull } from '../http/validation.js';
import { ROLES, type Role } from './staff-user.entity.js';
import { PASSWORD_LENGTH } from '../auth/password-policy.js';
import { SecondFactorProofDto } from '../auth/second-factor.dto.js';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '../text-limits.js';
import { ApiTimestamp } from '../http/api-docs.js';

export class CreateStaffUserDto {
  @ApiProperty() @IsEmail() @MaxLength(MAX_EMAIL_LENGTH) email!: string;
  @ApiProperty() @IsString() @Length(1, MAX_NAME_LENGTH) name!: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];
  @ApiProperty({ minLength: PASSWORD_LENGTH.min }) @IsString() @Length(PASSWORD_LENGTH.min, PASSWORD_LENGTH.max) password!: string;
}

export class UpdateStaffUserDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, MAX_NAME_LENGTH) name?: string;
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() disabled?: boolean;
  @ApiPropertyOptional({ minLength: PASSWORD_LENGTH.min })
  @OptionalNotNull()
  @IsString()
  @Length(PASSWORD_LENGTH.min, PASSWORD_LENGTH.max)
  password?: string;
  /** react-admin sends the whole record back on edit: these read-only fields are accepted and ignored. */
  @EchoedReadOnly() id?: unknown;
  @EchoedReadOnly() email?: unknown;
  @EchoedReadOnly() createdAt?: unknown;
  @EchoedReadOnly() updatedAt?: unknown;
}

/** Password, then (for an enrolled account) a code or a recovery code in the same request. */
export class LoginDto extends SecondFactorProofDto {
  @ApiProperty() @IsString() @MaxLength(MAX_EMAIL_LENGTH) email!: string;
  @ApiProperty() @IsString() @MaxLength(PASSWORD_LENGTH.max) password!: string;
}

/** A staff account as the staff-users routes answer (StaffView). */
export class StaffUserRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() disabled!: boolean;
  @ApiTimestamp() createdAt!: string;
  @ApiTimestamp() updatedAt!: string;
}
