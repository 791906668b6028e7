import { detect } from 'tinyld';

/** Fewer characters than this say too little about their language. */
const MIN_CHARACTERS = 40;

/**
 * How much of the text is looked at: a thousand characters (the headline and the opening paragraphs)
 * name the language as surely as the whole article, and detection costs in proportion to its input
 * (about 10 ms for 5 000 characters, 3 ms for 1 000, on the machine in docs/BENCHMARKS.md).
 */
const SAMPLE_CHARACTERS = 1_000;

/** The ISO 639-1 code of the text's language, or undefined when too short or unsure. */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, SAMPLE_CHARACTERS);
  if (sample.replace(/\s+/g, '').length < MIN_CHARACTERS) return undefined;
  return detect(sample) || undefined;
}
