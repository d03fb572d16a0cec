import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';
import type { LocalizedText } from '../../../definitions/common';
import { isApiError } from '../api/api-error';
import { BallotI18nProvider } from '../ballot/ballot-i18n';
import { en } from './en';
import { zh, type MessageKey } from './zh';

/** The UI languages: Chinese is the working language, English the switch. */
export type Language = 'zh' | 'en';

const catalogues: Record<Language, Record<MessageKey, string>> = { zh, en };
const storageKey = 'gongzhi.language';

/** Fills `{name}` placeholders of a catalogue message. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The half of a bilingual server or validator message ("中文 / English") for a language. Messages without the
 * separator are shown whole.
 */
export function pickMessage(message: string, language: Language): string {
  const separator = message.indexOf(' / ');
  if (separator < 0) return message;
  return language === 'zh' ? message.slice(0, separator) : message.slice(separator + 3);
}

/** Everything a component needs to speak the user's language. */
export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** A catalogue message, placeholders filled. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** The user's half of a definition's bilingual text. */
  text(value: LocalizedText | undefined): string;
  /** The user's half of a "中文 / English" message. */
  message(value: string): string;
  /** A catalogue message for a key built at run time (a schema field name, an enum value), or `fallback`. */
  lookup(key: string, fallback: string): string;
  /** What to tell the user about a failed call: an API refusal's own message, else "unexpected error". */
  errorText(error: unknown): string;
}

/** Whether a run-time key names a catalogue message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Provides the language (Chinese unless the user switched, remembered in localStorage). */
export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(fixed ?? initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      globalThis.localStorage?.setItem(storageKey, next);
    } catch {
      // storage unavailable (private mode): the switch still works for this page
    }
    if (typeof document !== 'undefined') document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  // zod's own messages (a too-short text in the inspector) follow the UI language too.
  useEffect(() => {
    z.config(language === 'zh' ? z.locales.zhCN() : z.locales.en());
  }, [language]);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, values) => format(catalogues[language][key], values),
      text: (localized) => (localized ? localized[language] || localized.zh : ''),
      message: (raw) => pickMessage(raw, language),
      lookup: (key, fallback) => (isMessageKey(key) ? catalogues[language][key] : fallback),
      errorText: (error) =>
        isApiError(error) ? pickMessage(error.message, language) : catalogues[language]['error.unexpected'],
    }),
    [language, setLanguage],
  );
  // The owners' pages' components (ballot/) speak the ballot slice of the catalogue, in the same language.
  return (
    <I18nContext.Provider value={value}>
      <BallotI18nProvider language={language} setLanguage={setLanguage}>
        {children}
      </BallotI18nProvider>
    </I18nContext.Provider>
  );
}

/** The current language and its translators. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
