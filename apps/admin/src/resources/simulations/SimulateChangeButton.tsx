import ScienceIcon from '@mui/icons-material/Science';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { useNotify, useRedirect } from 'react-admin';
import { PARAMETER_FIELDS } from '@libs/payouts/src/earnings-parameter-fields';
import { IfCan, errorMessage } from '../../components/actions';
import { dataProvider } from '../../dataProvider';

/**
 * "Simulate this change" on the parameters form, before saving: a what-if run of the latest
 * approved (or paid) period with the values as edited; opens the simulation.
 */
export const SimulateChangeButton = () => {
  const form = useFormContext();
  const notify = useNotify();
  const redirect = useRedirect();
  const [pending, setPending] = useState(false);
  const simulate = async () => {
    setPending(true);
    try {
      const { data: runs } = await dataProvider.getList('payout-runs', {
        filter: { status: ['approved', 'paid'] },
        sort: { field: 'period', order: 'DESC' },
        pagination: { page: 1, perPage: 1 },
      });
      const period = runs[0]?.period as string | undefined;
      if (!period) {
        notify('No approved or paid run to simulate against yet', { type: 'warning' });
        return;
      }
      const edited = (form.getValues('params') ?? {}) as Record<string, unknown>;
      const parameters = Object.fromEntries(
        PARAMETER_FIELDS.filter((f) => edited[f.name] !== undefined).map((f) => [f.name, edited[f.name]]),
      );
      const { data } = await dataProvider.create('simulations', { data: { period, parameters, label: 'from the parameters page' } });
      notify(`Simulating ${period} with the edited parameters (nothing is saved)`, { type: 'info' });
      redirect('show', 'simulations', data.id);
    } catch (e) {
      notify(errorMessage(e), { type: 'error' });
    } finally {
      setPending(false);
    }
  };
  return (
    <IfCan resource="simulations" action="create">
      <Button startIcon={<ScienceIcon />} onClick={simulate} disabled={pending} sx={{ ml: 2 }}>
        Simulate this change
      </Button>
    </IfCan>
  );
};
