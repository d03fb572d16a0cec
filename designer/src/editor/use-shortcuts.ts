import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
}

/** Whether a key press belongs to a text field (its own undo, copy and paste win there). */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The editor's keyboard shortcuts: Ctrl/⌘+Z undo, Ctrl/⌘+Y or Ctrl/⌘+Shift+Z redo, Ctrl/⌘+C copy, Ctrl/⌘+V paste.
 * (Delete/Backspace are React Flow's own delete key.) Inactive while typing in a field.
 */
export function useShortcuts(handlers: ShortcutHandlers, enabled: boolean): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || typingInField(event.target)) return;
      const key = event.key.toLowerCase();
      const action =
        key === 'z' && !event.shiftKey
          ? latest.current.undo
          : key === 'y' || (key === 'z' && event.shiftKey)
            ? latest.current.redo
            : key === 'c'
              ? latest.current.copy
              : key === 'v'
                ? latest.current.paste
                : undefined;
      if (!action) return;
      event.preventDefault();
      action();
    };
    globalThis.addEventListener('keydown', onKey);
    return () => globalThis.removeEventListener('keydown', onKey);
  }, [enabled]);
}
