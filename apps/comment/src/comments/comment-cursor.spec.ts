import { afterFilter, decodeCursor, encodeCursor } from './comment-cursor';

const comment = { _id: 'c-1', featured: true, repliesCount: 4, submittedAt: new Date('2026-03-01T12:00:00.000Z') };

describe('comment cursors', () => {
  it.each(['oldest', 'newest', 'top'] as const)('round-trips a position in the %s order', (order) => {
    const values = decodeCursor(order, encodeCursor(order, comment));
    expect(values).toBeDefined();
    expect(values![values!.length - 1]).toBe('c-1');
  });

  it('refuses a cursor of another order, or a malformed one', () => {
    expect(decodeCursor('newest', encodeCursor('oldest', comment))).toBeUndefined();
    expect(decodeCursor('oldest', 'not-a-cursor')).toBeUndefined();
    expect(decodeCursor('oldest', Buffer.from('["oldest","yesterday","c-1"]').toString('base64url'))).toBeUndefined();
  });

  it('builds a keyset filter: equal on earlier keys, past the position on the next', () => {
    expect(afterFilter('newest', [comment.submittedAt, 'c-1'])).toEqual({
      $or: [{ submittedAt: { $lt: comment.submittedAt } }, { submittedAt: comment.submittedAt, _id: { $lt: 'c-1' } }],
    });
    expect(afterFilter('top', [true, 4, comment.submittedAt, 'c-1']).$or).toHaveLength(4);
  });
});
