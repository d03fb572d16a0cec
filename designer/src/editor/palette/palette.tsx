import type { DragEvent } from 'react';
import { kinds, type NodeKind } from '../../../../definitions/kinds';
import { PaletteGroup } from '../../../../definitions/kinds/kind-definition';
import { useI18n } from '../../i18n/i18n';
import { paletteDragType } from '../canvas/palette-drag';

const entries = Object.values(kinds).map((kind) => ({ kind: kind.kind, palette: kind.palette }));

/**
 * The palette, generated from the kinds registry: grouped, labelled and iconised by each kind's palette entry.
 * Drag an entry onto the canvas, or press it to drop it in the middle of the view.
 */
export function Palette({ onAdd }: { onAdd(kind: NodeKind): void }) {
  const { t, text } = useI18n();
  const startDrag = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(paletteDragType, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label={t('palette.title')} data-testid="palette">
      {PaletteGroup.options.map((group) => (
        <section key={group} className="palette-group">
          <h3>{t(`palette.group.${group}`)}</h3>
          {entries
            .filter((entry) => entry.palette.group === group)
            .map((entry) => (
              <button
                type="button"
                key={entry.kind}
                className="palette-item"
                draggable
                onDragStart={(event) => startDrag(event, entry.kind)}
                onClick={() => onAdd(entry.kind)}
                title={text(entry.palette.description)}
                aria-label={t('palette.add', { kind: text(entry.palette.label) })}
                data-testid={`palette-${entry.kind}`}
              >
                <span className="palette-icon" aria-hidden="true">
                  {entry.palette.icon}
                </span>
                {text(entry.palette.label)}
              </button>
            ))}
        </section>
      ))}
    </nav>
  );
}
