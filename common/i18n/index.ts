// The console's two languages and their dictionaries, for the renderer and the Electron shell alike.
import { en } from './en';
import { fa, type Dict } from './fa';

export type { Dict };
export type Locale = 'fa' | 'en';
export const dictionaries: Record<Locale, Dict> = { fa, en };

/** One string in Persian then English, for what the shell shows before a language is chosen. */
export const bothLanguages = (pick: (t: Dict) => string, separator: string): string => `${pick(fa)}${separator}${pick(en)}`;
