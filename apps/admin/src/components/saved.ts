import { useNotify, useRedirect, type RaRecord, type RedirectionSideEffect } from 'react-admin';

/**
 * A create or edit form's success: a notice saying what happened, with the record's name
 * ("Application ap23 entered for Yuki Kim"), then where the form goes next. For
 * `mutationOptions` of <Create>/<Edit> (react-admin's own notice says only "Element created").
 */
export function useSavedNotice<T extends RaRecord>(resource: string, text: (r: T) => string, to: RedirectionSideEffect = 'show') {
  const notify = useNotify();
  const redirect = useRedirect();
  return {
    onSuccess: (data: T) => {
      notify(text(data), { type: 'success' });
      redirect(to, resource, data.id, data);
    },
  };
}
