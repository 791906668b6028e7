export interface ParentComment {
  id: string;
  /** Ids from the top-level comment down to the parent's own parent. */
  ancestors: readonly string[];
}

export interface Placement {
  /** The comment it attaches to; undefined for a top-level comment. */
  parentId?: string;
  /** Ids from the top-level comment down to `parentId`. */
  ancestors: string[];
  /** 0 for a top-level comment. */
  depth: number;
}

/**
 * Where a reply goes in its thread. Threads have at most `maxDepth` levels; a reply to a comment
 * on the last level attaches to the deepest ancestor that still takes replies, as WordPress does,
 * so the conversation stays together instead of being refused.
 */
export function placeReply(parent: ParentComment | undefined, maxDepth: number): Placement {
  if (!parent) return { ancestors: [], depth: 0 };
  const path = [...parent.ancestors, parent.id];
  const depth = Math.min(path.length, maxDepth - 1);
  if (depth <= 0) return { ancestors: [], depth: 0 };
  const ancestors = path.slice(0, depth);
  return { parentId: ancestors[ancestors.length - 1], ancestors, depth };
}
