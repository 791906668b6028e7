import { ErrorCodes, Topics } from '@frontpage/contracts';
import { decodeMessage } from '@frontpage/messaging';
import { AppError } from '@frontpage/platform';
import { requestValidationPipe } from '../../libs/platform/src/http/validation';
import { SubmitCommentDto } from '../../apps/gateway/src/comments/submit-comment.dto';

/**
 * Found by test/hostile-input.e2e-spec.ts: a lone UTF-16 surrogate in `authorEmail` makes validator's
 * isEmail call encodeURI, which throws URIError; the gateway then answers 500 instead of 400.
 */
describe('comment form validation with a lone surrogate', () => {
  const form = { authorName: 'Ann', body: 'Hello there' };

  it.each([['\uD83D@example.org'], ['ann\uDC00@example.org'], ['😀 \uD83D']])(
    'refuses authorEmail %j with a 400, not an exception',
    async (authorEmail) => {
      const outcome = await requestValidationPipe()
        .transform({ ...form, authorEmail }, { type: 'body', metatype: SubmitCommentDto })
        .then(
          () => 'accepted',
          (error: unknown) =>
            error instanceof AppError ? `${error.httpStatus} ${error.code}` : `${(error as Error).name}: ${(error as Error).message}`,
        );
      expect(outcome).toMatch(/^400 /);
    },
  );

  it('still accepts astral-plane characters that are well formed', async () => {
    const dto = await requestValidationPipe().transform(
      { ...form, authorName: '𝕳𝖊𝖆𝖉 😀', authorEmail: 'ann@example.org' },
      {
        type: 'body',
        metatype: SubmitCommentDto,
      },
    );
    expect(dto).toBeInstanceOf(SubmitCommentDto);
  });
});

describe('a CommentSubmitted command with a lone surrogate in the email, straight from Kafka', () => {
  it('is refused as invalid (so it is dead-lettered) instead of throwing and crashing the consumer', () => {
    const data = {
      commentId: '3f0c1d8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      articleSlug: 'any-story',
      authorName: 'Ann',
      authorEmail: '\uD83D@example.org',
      body: 'Hello there',
      clientAddress: '198.51.100.1',
      submittedAt: '2026-11-28T12:00:00.000Z',
    };
    const headers = {
      ce_specversion: '1.0',
      ce_id: 'lone-surrogate-1',
      ce_type: 'CommentSubmitted',
      ce_source: '/tests',
      ce_time: '2026-11-28T12:00:00.000Z',
      'content-type': 'application/json',
    };
    let result: ReturnType<typeof decodeMessage> | string;
    try {
      result = decodeMessage(Topics.CommentSubmissions, {
        key: Buffer.from('any-story'),
        value: Buffer.from(JSON.stringify(data)),
        headers,
      });
    } catch (error) {
      result = `threw ${(error as Error).name}: ${(error as Error).message}`;
    }
    expect(result).toMatchObject({ ok: false, code: ErrorCodes.MessageInvalid });
  });
});
