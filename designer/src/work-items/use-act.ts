import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useApi } from '../api/api-context';

/** One action on one work item, as a form submits it. */
export interface ActInput {
  action: string;
  input: { outcome?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * Acting on a work item: one Idempotency-Key per opened form (a double click or a retry after a lost answer acts
 * once), and after the action the case, the inbox and the lists are refetched.
 */
export function useAct(target: { caseId: string; workItemId: string; viaWorkItems: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const key = useRef(crypto.randomUUID());
  return useMutation({
    mutationFn: (act: ActInput) => api.act({ ...target, ...act }, key.current),
    onSuccess: async () => {
      key.current = crypto.randomUUID();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['case', target.caseId] }),
        queryClient.invalidateQueries({ queryKey: ['inbox'] }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
      ]);
    },
  });
}
