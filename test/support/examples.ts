import { fileURLToPath } from 'node:url';

/**
 * The example bundles with their expected payout results (a copy of ../shared/examples,
 * so that the repository tests itself on a machine where only the repository exists).
 */
export const EXAMPLES_DIR = fileURLToPath(new URL('../fixtures/examples/', import.meta.url));
