import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { CaseTable } from '../cases/case-table';

/** How many of the person's newest cases the tab lists. */
const newest = 200;

/** 我发起的: the cases the person started, newest first (`GET /api/cases?startedBy=`). */
export function StartedByMe() {
  const api = useApi();
  const { t, errorText } = useI18n();
  const { session } = useSession();
  const username = session?.user.username ?? '';
  const mine = useQuery({
    queryKey: ['cases', 'started-by', username],
    queryFn: () => api.listCases({ startedBy: username }, undefined, newest),
  });
  if (mine.error) return <p className="error">{errorText(mine.error)}</p>;
  if (!mine.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <>
      {mine.data.nextCursor !== undefined && <p className="muted">{t('inbox.mine-newest', { count: newest })}</p>}
      <CaseTable cases={mine.data.cases} />
    </>
  );
}
