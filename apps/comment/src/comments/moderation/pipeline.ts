import { CommentingState } from '../../known-articles/commenting-policy';
import { findListed } from './words';

export type ModerationStatus = 'approved' | 'pending' | 'rejected';
export type CommentStatus = ModerationStatus | 'spam';

export const MODERATION_STEPS = ['length', 'article', 'parent', 'sanitise', 'repeat', 'words', 'links', 'flood', 'trust'] as const;
export type ModerationStep = (typeof MODERATION_STEPS)[number];

/** Stable reasons, shown to moderators and kept with the comment. */
export type ModerationReason =
  | 'too-short'
  | 'too-long'
  | 'article-unknown'
  | 'article-withdrawn'
  | 'article-closed'
  | 'invalid-parent'
  | 'empty-after-sanitising'
  | 'repeat'
  | 'banned-word'
  | 'suspect-word'
  | 'too-many-links'
  | 'flood'
  | 'first-time-commenter'
  | 'post-moderated'
  | 'trusted-commenter';

export interface ModerationCheck {
  step: ModerationStep;
  outcome: 'pass' | 'hold' | 'reject';
  reason?: ModerationReason;
  detail?: string;
}

export interface ModerationDecision {
  status: ModerationStatus;
  /** The rejection, else the first hold, else why it was approved. */
  reason: ModerationReason;
  checks: ModerationCheck[];
}

export interface ModerationPolicy {
  minLength: number;
  maxLength: number;
  bannedWords: readonly string[];
  suspectWords: readonly string[];
  maxLinks: number;
  floodWindowMs: number;
}

/** What the pipeline needs to know, gathered by the service before it runs. */
export interface ModerationFacts {
  /** The body as submitted, trimmed. */
  rawLength: number;
  /** The body after sanitising. */
  text: string;
  links: number;
  markupRemoved: boolean;
  article: CommentingState;
  postModerated: boolean;
  parent: 'none' | 'approved' | 'missing' | 'not-approved' | 'other-article';
  /** The same commenter already sent the same text. */
  repeat: boolean;
  /** The latest other comment by the same commenter, if any. */
  previousCommentAt?: Date;
  submittedAt: Date;
  /** The commenter has had a comment approved before. */
  trusted: boolean;
}

class Rejected {
  constructor(readonly check: ModerationCheck) {}
}

/**
 * The moderation pipeline, in the order readers and moderators expect: length limits, article
 * open, a valid parent, sanitising, repeat posts, banned (reject) and suspect (hold) words, too
 * many links (hold), flood control (reject), first-time commenters (hold unless post-moderated).
 * The first rejection ends it; holds are collected and later rejections still apply. Every step
 * that runs records its outcome, so moderators can see why.
 */
export function moderate(facts: ModerationFacts, policy: ModerationPolicy): ModerationDecision {
  const checks: ModerationCheck[] = [];
  const record = (check: ModerationCheck) => {
    checks.push(check);
    if (check.outcome === 'reject') throw new Rejected(check);
  };
  try {
    lengthStep(facts, policy, record);
    articleStep(facts, record);
    parentStep(facts, record);
    sanitiseStep(facts, record);
    record(facts.repeat ? { step: 'repeat', outcome: 'reject', reason: 'repeat' } : { step: 'repeat', outcome: 'pass' });
    wordsStep(facts, policy, record);
    record(
      facts.links > policy.maxLinks
        ? { step: 'links', outcome: 'hold', reason: 'too-many-links', detail: `${facts.links} links, at most ${policy.maxLinks}` }
        : { step: 'links', outcome: 'pass' },
    );
    floodStep(facts, policy, record);
    trustStep(facts, record);
  } catch (error) {
    if (error instanceof Rejected) return { status: 'rejected', reason: error.check.reason!, checks };
    throw error;
  }
  const hold = checks.find((check) => check.outcome === 'hold');
  if (hold) return { status: 'pending', reason: hold.reason!, checks };
  return { status: 'approved', reason: checks[checks.length - 1].reason!, checks };
}

type Recorder = (check: ModerationCheck) => void;

function lengthStep(facts: ModerationFacts, policy: ModerationPolicy, record: Recorder): void {
  if (facts.rawLength < policy.minLength) {
    record({
      step: 'length',
      outcome: 'reject',
      reason: 'too-short',
      detail: `${facts.rawLength} characters, at least ${policy.minLength}`,
    });
  } else if (facts.rawLength > policy.maxLength) {
    record({ step: 'length', outcome: 'reject', reason: 'too-long', detail: `${facts.rawLength} characters, at most ${policy.maxLength}` });
  } else {
    record({ step: 'length', outcome: 'pass' });
  }
}

function articleStep(facts: ModerationFacts, record: Recorder): void {
  const reasons = { unknown: 'article-unknown', withdrawn: 'article-withdrawn', closed: 'article-closed' } as const;
  if (facts.article === 'open') record({ step: 'article', outcome: 'pass' });
  else record({ step: 'article', outcome: 'reject', reason: reasons[facts.article] });
}

function parentStep(facts: ModerationFacts, record: Recorder): void {
  if (facts.parent === 'none' || facts.parent === 'approved') {
    record({ step: 'parent', outcome: 'pass' });
    return;
  }
  const detail = {
    missing: 'no such comment',
    'not-approved': 'the comment replied to is not published',
    'other-article': 'the comment replied to is on another article',
  }[facts.parent];
  record({ step: 'parent', outcome: 'reject', reason: 'invalid-parent', detail });
}

function sanitiseStep(facts: ModerationFacts, record: Recorder): void {
  if (facts.text.length === 0 && facts.links === 0) {
    record({ step: 'sanitise', outcome: 'reject', reason: 'empty-after-sanitising' });
  } else {
    record({ step: 'sanitise', outcome: 'pass', ...(facts.markupRemoved ? { detail: 'markup removed' } : {}) });
  }
}

function wordsStep(facts: ModerationFacts, policy: ModerationPolicy, record: Recorder): void {
  const banned = findListed(facts.text, policy.bannedWords);
  if (banned) {
    record({ step: 'words', outcome: 'reject', reason: 'banned-word', detail: banned });
    return;
  }
  const suspect = findListed(facts.text, policy.suspectWords);
  record(suspect ? { step: 'words', outcome: 'hold', reason: 'suspect-word', detail: suspect } : { step: 'words', outcome: 'pass' });
}

function floodStep(facts: ModerationFacts, policy: ModerationPolicy, record: Recorder): void {
  const previous = facts.previousCommentAt;
  const gap = previous ? Math.abs(facts.submittedAt.getTime() - previous.getTime()) : Infinity;
  if (policy.floodWindowMs > 0 && gap < policy.floodWindowMs) {
    record({ step: 'flood', outcome: 'reject', reason: 'flood', detail: `${Math.round(gap / 1000)} s after the previous comment` });
  } else {
    record({ step: 'flood', outcome: 'pass' });
  }
}

function trustStep(facts: ModerationFacts, record: Recorder): void {
  if (facts.trusted) record({ step: 'trust', outcome: 'pass', reason: 'trusted-commenter' });
  else if (facts.postModerated) record({ step: 'trust', outcome: 'pass', reason: 'post-moderated' });
  else record({ step: 'trust', outcome: 'hold', reason: 'first-time-commenter' });
}
