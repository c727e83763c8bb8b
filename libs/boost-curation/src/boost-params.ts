import type { EntityManager } from 'typeorm';

/** domain.md: "a boost window starting now, 14 days long, *param* `boostDays`". */
export const DEFAULT_BOOST_DAYS = 14;

/**
 * The earnings parameter `boostDays`: how long a new boost window lasts, in days of 24 hours.
 * The earnings parameters belong to the payouts module; until its parameter set is readable
 * here, this is the documented default. Asked inside the decision's transaction, so the
 * window and the parameter it used are read together.
 */
export async function boostDays(_manager: EntityManager): Promise<number> {
  return DEFAULT_BOOST_DAYS;
}
