import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider } from './i18n';
import { Layout } from './Layout';
import { theme } from './theme';
import adjustments from './resources/adjustments';
import applications from './resources/applications';
import auditLog from './resources/audit-log';
import boosts from './resources/boosts';
import countries from './resources/countries';
import earningsParameters from './resources/earnings-parameters';
import nominations from './resources/nominations';
import integrityCases from './resources/integrity-cases';
import integrityParameters from './resources/integrity-parameters';
import members from './resources/members';
import nominators from './resources/nominators';
import { curatorCalibration, nominatorCalibration } from './resources/calibration';
import partners from './resources/partners';
import payoutRuns from './resources/payout-runs';
import publications from './resources/publications';
import { WriterReferrals, referralCreditTotals, referralCredits, referrals } from './resources/referrals';
import savedReplies from './resources/saved-replies';
import simulations from './resources/simulations';
import staffUsers from './resources/staff-users';
import statements from './resources/statements';
import stories from './resources/stories';
import storyEarnings from './resources/story-earnings';
import tickets from './resources/tickets';
import { ExplanationPage } from './resources/explanations';
import { AuthorLedgerPage, IntegrityPage, trialBalances } from './resources/ledger';
import { QueueDashboardPage } from './queue-board/QueueDashboardPage';
import { LoginPage } from './auth/LoginPage';
import { ProfilePage } from './auth/ProfilePage';

export const App = () => (
  <Admin
    title="Partner Program console"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    dashboard={Dashboard}
    layout={Layout}
    theme={theme}
    loginPage={LoginPage}
    disableTelemetry
  >
    <Resource name="applications" {...applications} />
    <Resource name="partners" {...partners} />
    <Resource name="countries" {...countries} />
    <Resource name="nominations" {...nominations} />
    <Resource name="boosts" {...boosts} />
    <Resource name="integrity-cases" options={{ label: 'Integrity cases' }} {...integrityCases} />
    <Resource name="integrity-parameters" options={{ label: 'Integrity thresholds' }} {...integrityParameters} />
    <Resource name="stories" {...stories} />
    <Resource name="publications" {...publications} />
    <Resource name="members" {...members} />
    <Resource name="nominators" {...nominators} />
    <Resource name="nominator-calibration" options={{ label: 'Nominator calibration' }} {...nominatorCalibration} />
    <Resource name="curator-calibration" options={{ label: 'Curator calibration' }} {...curatorCalibration} />
    <Resource name="payout-runs" options={{ label: 'Payout runs' }} {...payoutRuns} />
    <Resource name="statements" {...statements} />
    <Resource name="story-earnings" options={{ label: 'Story earnings' }} {...storyEarnings} />
    <Resource name="adjustments" {...adjustments} />
    <Resource name="earnings-parameters" options={{ label: 'Earnings parameters' }} {...earningsParameters} />
    <Resource name="simulations" {...simulations} />
    <Resource name="tickets" {...tickets} />
    <Resource name="saved-replies" options={{ label: 'Saved replies' }} {...savedReplies} />
    <Resource name="referrals" options={{ label: 'Legacy referrals' }} {...referrals} />
    <Resource name="referral-credits" options={{ label: 'Referral credits' }} {...referralCredits} />
    <Resource name="referral-credit-totals" options={{ label: 'Credits per month' }} {...referralCreditTotals} />
    <Resource name="staff-users" options={{ label: 'Staff accounts' }} {...staffUsers} />
    <Resource name="audit-log" options={{ label: 'Audit log' }} {...auditLog} />
    <Resource name="trial-balances" options={{ label: 'Trial balance' }} {...trialBalances} />
    <CustomRoutes>
      <Route path="/writer-referrals" element={<WriterReferrals />} />
      <Route path="/explanations" element={<ExplanationPage />} />
      <Route path="/explanations/:authorId/:period" element={<ExplanationPage />} />
      <Route path="/queue-dashboard" element={<QueueDashboardPage />} />
      <Route path="/profile" element={<ProfilePage />} />
      <Route path="/author-ledger" element={<AuthorLedgerPage />} />
      <Route path="/ledger-integrity" element={<IntegrityPage />} />
    </CustomRoutes>
  </Admin>
);
