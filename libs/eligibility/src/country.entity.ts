import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A country on the Partner Program's supported list; only payable ones pass the country check. */
@Entity('countries')
@Check('countries_code_check', `code ~ '^[A-Z]{2}$'`)
export class Country {
  /** ISO 3166-1 alpha-2, upper case. */
  @PrimaryColumn({ type: 'char', length: 2 }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean' }) payable!: boolean;
  @Column({ type: 'date', name: 'date_added' }) dateAdded!: string;
}
