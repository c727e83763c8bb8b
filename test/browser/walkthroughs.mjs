// The console's walkthroughs, one per role, against the real api + worker + demo data. They run
// in this order (each changes the shared demo state); the steps they share: walkthrough-steps.mjs.
import { walkthroughContext } from './walkthrough-steps.mjs';
import { defineListWalkthroughs } from './walkthroughs-lists.mjs';
import { defineRoleWalkthroughs } from './walkthroughs-roles.mjs';
import { defineSupportWalkthroughs } from './walkthroughs-support.mjs';

export { enterCode } from './walkthrough-steps.mjs';

export function defineWalkthroughs({ walkthrough, env, outDir, perf }) {
  const ctx = { walkthrough, env, outDir, perf, ...walkthroughContext(env) };
  defineRoleWalkthroughs(ctx);
  defineSupportWalkthroughs(ctx);
  defineListWalkthroughs(ctx);
}
