import { BodyBlockType } from '@frontpage/contracts';

/** A body block as ingest builds it; the same shape as `BodyBlockData` on the wire. */
export interface BodyBlock {
  type: BodyBlockType;
  text?: string;
  ordered?: boolean;
  items?: string[];
  cite?: string;
  url?: string;
  caption?: string;
  credit?: string;
}

/** Collapses runs of whitespace (including non-breaking spaces) and trims. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** The plain-text body for teasers and search: one blank-line-separated part per block, no images. */
export function blocksToText(blocks: BodyBlock[]): string {
  return blocks
    .flatMap((block) => {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          return [block.text ?? ''];
        case 'quote':
          return [block.cite ? `${block.text} (${block.cite})` : (block.text ?? '')];
        case 'list':
          return [(block.items ?? []).map((item, i) => (block.ordered ? `${i + 1}. ${item}` : `- ${item}`)).join('\n')];
        case 'image':
          return [];
      }
    })
    .filter((part) => part.trim().length > 0)
    .join('\n\n');
}
