import type { DefinitionDiff, FieldChange } from '../../../../definitions/diff';
import { useI18n } from '../../i18n/i18n';

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Changes({ changes }: { changes: readonly FieldChange[] }) {
  return (
    <ul className="field-changes">
      {changes.map((change) => (
        <li key={change.path}>
          <code>{change.path}</code>: <del>{show(change.from)}</del> → <ins>{show(change.to)}</ins>
        </li>
      ))}
    </ul>
  );
}

/** The field-level list beside the diff picture: what changed in each node, wire, role, variable and setting. */
export function ChangeList({ diff }: { diff: DefinitionDiff }) {
  const { t } = useI18n();
  const ids = (items: readonly unknown[], field: string) =>
    items.map((item) => (typeof item === 'object' && item && field in item ? String(Reflect.get(item, field)) : '?'));
  if (diff.identical) return <p className="muted">{t('diff.identical')}</p>;
  return (
    <div className="change-list" data-testid="diff-changes">
      {diff.fields.length > 0 && (
        <section>
          <h4>{t('diff.settings')}</h4>
          <Changes changes={diff.fields} />
        </section>
      )}
      <section>
        <h4>{t('diff.nodes')}</h4>
        <ul>
          {ids(diff.nodes.added, 'id').map((id) => (
            <li key={`added-${id}`} className="diff-added">
              + {id}
            </li>
          ))}
          {ids(diff.nodes.removed, 'id').map((id) => (
            <li key={`removed-${id}`} className="diff-removed">
              − {id}
            </li>
          ))}
          {diff.nodes.changed.map((changed) => (
            <li key={`changed-${changed.id}`} className="diff-changed">
              ~ {changed.id}
              <Changes changes={changed.changes} />
            </li>
          ))}
          {diff.nodes.moved.length > 0 && (
            <li className="muted">{t('diff.moved', { count: diff.nodes.moved.length })}</li>
          )}
        </ul>
      </section>
      <section>
        <h4>{t('diff.edges')}</h4>
        <ul>
          {diff.edges.added.map((edge, index) => (
            <li key={`ea-${index}`} className="diff-added">
              + {ids([edge], 'from')[0]} → {ids([edge], 'to')[0]} ({ids([edge], 'outcome')[0]})
            </li>
          ))}
          {diff.edges.removed.map((edge, index) => (
            <li key={`er-${index}`} className="diff-removed">
              − {ids([edge], 'from')[0]} → {ids([edge], 'to')[0]} ({ids([edge], 'outcome')[0]})
            </li>
          ))}
          {diff.edges.changed.map((edge) => (
            <li key={`ec-${edge.from}-${edge.outcome}`} className="diff-changed">
              ~ {edge.from} ({edge.outcome})
              <Changes changes={edge.changes} />
            </li>
          ))}
        </ul>
      </section>
      {(['roles', 'variables'] as const).map((list) =>
        diff[list].added.length + diff[list].removed.length + diff[list].changed.length === 0 ? null : (
          <section key={list}>
            <h4>{t(`diff.${list}`)}</h4>
            <ul>
              {ids(diff[list].added, 'key').map((key) => (
                <li key={`a-${key}`} className="diff-added">
                  + {key}
                </li>
              ))}
              {ids(diff[list].removed, 'key').map((key) => (
                <li key={`r-${key}`} className="diff-removed">
                  − {key}
                </li>
              ))}
              {diff[list].changed.map((changed) => (
                <li key={`c-${changed.id}`} className="diff-changed">
                  ~ {changed.id}
                  <Changes changes={changed.changes} />
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  );
}
