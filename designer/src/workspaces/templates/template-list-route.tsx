import { useNavigate } from 'react-router';
import { HomePage } from '../../home/home-page';

/** `/templates`: the template list (the designer's home). */
export function Component() {
  const navigate = useNavigate();
  return <HomePage onOpen={(key) => void navigate(`/templates/${encodeURIComponent(key)}`)} />;
}
