/**
 * Finds the first listed word or phrase in a text, as whole words, ignoring case and punctuation:
 * "class" does not match "classic", and "cheap pills" matches "Cheap... pills!".
 */
export function findListed(text: string, list: readonly string[]): string | undefined {
  if (list.length === 0) return undefined;
  const haystack = ` ${words(text).join(' ')} `;
  return list.find((entry) => {
    const needle = words(entry).join(' ');
    return needle.length > 0 && haystack.includes(` ${needle} `);
  });
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}
