import { moderate, ModerationFacts, ModerationPolicy } from './pipeline';

const policy: ModerationPolicy = {
  minLength: 2,
  maxLength: 100,
  bannedWords: ['casino'],
  suspectWords: ['crypto'],
  maxLinks: 2,
  floodWindowMs: 15_000,
};

const at = new Date('2026-03-01T12:00:00.000Z');

function facts(overrides: Partial<ModerationFacts> = {}): ModerationFacts {
  return {
    rawLength: 20,
    text: 'A perfectly fine comment',
    links: 0,
    markupRemoved: false,
    article: 'open',
    postModerated: false,
    parent: 'none',
    repeat: false,
    submittedAt: at,
    trusted: true,
    ...overrides,
  };
}

const outcome = (overrides: Partial<ModerationFacts>, custom = policy) => {
  const { status, reason } = moderate(facts(overrides), custom);
  return { status, reason };
};

describe('moderate', () => {
  it('approves a trusted commenter after running every step in order', () => {
    const decision = moderate(facts(), policy);
    expect(decision).toMatchObject({ status: 'approved', reason: 'trusted-commenter' });
    expect(decision.checks.map((check) => `${check.step}:${check.outcome}`)).toEqual([
      'length:pass',
      'article:pass',
      'parent:pass',
      'sanitise:pass',
      'repeat:pass',
      'words:pass',
      'links:pass',
      'flood:pass',
      'trust:pass',
    ]);
  });

  it.each([
    [{ rawLength: 1 }, 'too-short'],
    [{ rawLength: 101 }, 'too-long'],
    [{ article: 'unknown' as const }, 'article-unknown'],
    [{ article: 'withdrawn' as const }, 'article-withdrawn'],
    [{ article: 'closed' as const }, 'article-closed'],
    [{ parent: 'missing' as const }, 'invalid-parent'],
    [{ parent: 'not-approved' as const }, 'invalid-parent'],
    [{ parent: 'other-article' as const }, 'invalid-parent'],
    [{ text: '', links: 0 }, 'empty-after-sanitising'],
    [{ repeat: true }, 'repeat'],
    [{ text: 'Win at the Casino!' }, 'banned-word'],
    [{ previousCommentAt: new Date(at.getTime() - 14_000) }, 'flood'],
  ])('rejects %j as %s', (overrides, reason) => {
    expect(outcome(overrides)).toEqual({ status: 'rejected', reason });
  });

  it.each([
    [{ text: 'all about crypto' }, 'suspect-word'],
    [{ links: 3 }, 'too-many-links'],
    [{ trusted: false }, 'first-time-commenter'],
  ])('holds %j as %s', (overrides, reason) => {
    expect(outcome(overrides)).toEqual({ status: 'pending', reason });
  });

  it('stops at the first rejection, in the order of the pipeline', () => {
    const decision = moderate(facts({ rawLength: 1, article: 'closed', repeat: true }), policy);
    expect(decision.reason).toBe('too-short');
    expect(decision.checks).toEqual([{ step: 'length', outcome: 'reject', reason: 'too-short', detail: '1 characters, at least 2' }]);
    expect(outcome({ repeat: true, previousCommentAt: at })).toEqual({ status: 'rejected', reason: 'repeat' });
  });

  it('still rejects a flood after a hold, and reports the first hold when nothing rejects', () => {
    expect(outcome({ text: 'crypto', previousCommentAt: at })).toEqual({ status: 'rejected', reason: 'flood' });
    expect(outcome({ text: 'crypto', links: 5, trusted: false })).toEqual({ status: 'pending', reason: 'suspect-word' });
  });

  it('prefers a banned word over a suspect one', () => {
    expect(moderate(facts({ text: 'crypto casino' }), policy).checks.find((check) => check.step === 'words')).toEqual({
      step: 'words',
      outcome: 'reject',
      reason: 'banned-word',
      detail: 'casino',
    });
  });

  it('lets a comment outside the flood window through, and has no flood control at a window of 0', () => {
    expect(outcome({ previousCommentAt: new Date(at.getTime() - 15_000) }).status).toBe('approved');
    expect(outcome({ previousCommentAt: at }, { ...policy, floodWindowMs: 0 }).status).toBe('approved');
  });

  it('publishes a first-time commenter at once on a post-moderated article', () => {
    expect(outcome({ trusted: false, postModerated: true })).toEqual({ status: 'approved', reason: 'post-moderated' });
  });

  it('accepts a comment that is only a link', () => {
    expect(outcome({ text: '', links: 1 }).status).toBe('approved');
  });
});
