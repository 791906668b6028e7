import { detect } from 'tinyld';

/** Fewer characters than this say too little about their language. */
const MIN_CHARACTERS = 40;

/** The ISO 639-1 code of the text's language, or undefined when too short or unsure. */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, 5_000);
  if (sample.replace(/\s+/g, '').length < MIN_CHARACTERS) return undefined;
  return detect(sample) || undefined;
}
