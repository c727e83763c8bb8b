import { Typography } from '@mui/material';
import { Create, SimpleForm, TextInput, regex, required } from 'react-admin';
import { birthDateProblem } from '@libs/eligibility/src/birth-date-rule';
import { useSavedNotice } from '../../components/saved';
import { fieldLabel } from '../../labels';
import type { Application } from '../../api';

/** The server's rule, checked as the reviewer types (a birth date in the future was accepted: "-3 years old"). */
const validBirthDate = (v: string | undefined) => (v ? (birthDateProblem(v) ?? undefined) : undefined);

export const ApplicationCreate = () => {
  const saved = useSavedNotice<Application>(
    'applications',
    (a) =>
      `Application ${a.id} entered for ${a.memberName ?? a.memberId} (${a.memberId}): ${
        a.eligible ? 'all four checks pass' : `fails ${a.failingChecks?.length ?? 0} of the four checks`
      }`,
  );
  return (
    <Create
      title="Enter an application"
      mutationOptions={saved}
      transform={(d: Record<string, string>) => ({ ...d, country: d.country?.toUpperCase(), birthDate: d.birthDate || undefined })}
    >
      <SimpleForm>
        <Typography variant="body2" color="text.secondary">
          For an application received outside the form (e.g. from a help-desk ticket). The four checks are evaluated at once.
        </Typography>
        <TextInput
          source="memberId"
          label={fieldLabel('memberId')}
          validate={required()}
          helperText="A member who is not a partner yet and has no pending application"
        />
        <TextInput source="country" label="Country (ISO code)" validate={[required(), regex(/^[A-Za-z]{2}$/, 'Two letters, e.g. FR')]} />
        <TextInput
          source="birthDate"
          label={fieldLabel('birthDate')}
          type="date"
          validate={validBirthDate}
          helperText="Leave empty to use the member profile's; not in the future"
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </SimpleForm>
    </Create>
  );
};
