import '@xyflow/react/dist/style.css';
import { useParams } from 'react-router';
import { EditorPage } from '../../editor/editor-page';

/** `/templates/:key`: the designer on one template (its own chunk: React Flow, elkjs and the inspector). */
export function Component() {
  const { key = '' } = useParams();
  return <EditorPage key={key} templateKey={key} />;
}
