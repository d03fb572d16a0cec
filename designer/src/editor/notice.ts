import type { MessageKey } from '../i18n/zh';

/** A message for the editor's status line, kept as a catalogue key so it follows a language switch. */
export interface Notice {
  key: MessageKey;
  values?: Record<string, string | number>;
}
