import { Typography } from '@mui/material';
import { Create, SimpleForm, TextInput, regex, required } from 'react-admin';

export const ApplicationCreate = () => (
  <Create
    redirect="show"
    title="Enter an application"
    transform={(d: Record<string, string>) => ({ ...d, country: d.country?.toUpperCase(), birthDate: d.birthDate || undefined })}
  >
    <SimpleForm>
      <Typography variant="body2" color="text.secondary">
        For an application received outside the form (e.g. from a help-desk ticket). The four checks are evaluated at once.
      </Typography>
      <TextInput source="memberId" label="Member id" validate={required()} />
      <TextInput source="country" label="Country (ISO code)" validate={[required(), regex(/^[A-Za-z]{2}$/, 'Two letters, e.g. FR')]} />
      <TextInput
        source="birthDate"
        label="Birth date"
        type="date"
        helperText="Leave empty to use the member profile's"
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </SimpleForm>
  </Create>
);
