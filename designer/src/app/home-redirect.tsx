import { Navigate } from 'react-router';
import { useActor } from './use-actor';

/** `/`: each role lands on its own work (staff and handlers: the inbox; admins: templates; auditors: audit). */
export function HomeRedirect() {
  const { home } = useActor();
  return <Navigate to={home} replace />;
}
