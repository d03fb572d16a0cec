import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LocalizedText } from '../../../definitions/common';
import { isApiError } from '../api/api-error';
import { ballotEn, ballotZh, type BallotMessageKey } from './ballot-catalogue';

/** The UI languages (the same as the staff app's: Chinese first, English the switch). */
export type BallotLanguage = 'zh' | 'en';

const catalogues: Record<BallotLanguage, Record<BallotMessageKey, string>> = { zh: ballotZh, en: ballotEn };
/** Shared with the staff app (i18n.tsx), so an owner who is also staff keeps one choice. */
const storageKey = 'gongzhi.language';

/** What the owners' pages need to speak the reader's language, over the ballot slice of the catalogue only. */
export interface BallotI18n {
  language: BallotLanguage;
  setLanguage(language: BallotLanguage): void;
  t(key: BallotMessageKey, values?: Record<string, string | number>): string;
  text(value: LocalizedText | undefined): string;
  errorText(error: unknown): string;
}

const BallotI18nContext = createContext<BallotI18n | undefined>(undefined);

const fill = (template: string, values: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

const half = (message: string, language: BallotLanguage) => {
  const separator = message.indexOf(' / ');
  if (separator < 0) return message;
  return language === 'zh' ? message.slice(0, separator) : message.slice(separator + 3);
};

function storedLanguage(): BallotLanguage {
  try {
    return globalThis.localStorage?.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/**
 * Provides the ballot slice's translators. The ballot entry (ballot-main) gives no language and keeps its own
 * (remembered in localStorage); the staff app's I18nProvider passes its language in, so the ballot components it
 * shows (the vote workspace's ballot log, component tests) follow the staff app's switch.
 */
export function BallotI18nProvider({
  children,
  language: given,
  setLanguage: setGiven,
}: {
  children: ReactNode;
  language?: BallotLanguage;
  setLanguage?: (language: BallotLanguage) => void;
}) {
  const [own, setOwn] = useState<BallotLanguage>(storedLanguage);
  const language = given ?? own;
  const value = useMemo<BallotI18n>(() => {
    const setLanguage =
      setGiven ??
      ((next: BallotLanguage) => {
        setOwn(next);
        try {
          globalThis.localStorage?.setItem(storageKey, next);
        } catch {
          // storage unavailable (private mode): the switch still works for this page
        }
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
      });
    return {
      language,
      setLanguage,
      t: (key, values) => fill(catalogues[language][key], values),
      text: (localized) => (localized ? localized[language] || localized.zh : ''),
      errorText: (error) =>
        isApiError(error) ? half(error.message, language) : catalogues[language]['ballot.error.unexpected'],
    };
  }, [language, setGiven]);
  return <BallotI18nContext.Provider value={value}>{children}</BallotI18nContext.Provider>;
}

/** The reader's language and the ballot slice's translators. */
export function useBallotI18n(): BallotI18n {
  const value = useContext(BallotI18nContext);
  if (!value) throw new Error('useBallotI18n outside BallotI18nProvider (or the staff I18nProvider)');
  return value;
}
