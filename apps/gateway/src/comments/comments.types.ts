import { ApiProperty } from '@nestjs/swagger';

/** A published comment as the gateway serves it: public fields only, whatever the upstream sends. */
export class PublicComment {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  parentId: string | null;

  @ApiProperty()
  authorName: string;

  @ApiProperty({ type: String, nullable: true })
  authorUrl: string | null;

  /** Sanitised HTML: text and `rel="nofollow ugc"` links only. */
  @ApiProperty({ description: 'Sanitised HTML: text and rel="nofollow ugc" links only' })
  body: string;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty()
  featured: boolean;

  @ApiProperty()
  repliesCount: number;

  @ApiProperty({ type: () => [PublicComment] })
  replies: PublicComment[];
}

export class CommentPage {
  /** Whether the article takes new comments. */
  @ApiProperty({ description: 'Whether the article takes new comments' })
  open: boolean;

  /** Approved comments on the article, replies included. */
  @ApiProperty({ description: 'Approved comments on the article, replies included' })
  total: number;

  @ApiProperty({ type: [PublicComment] })
  items: PublicComment[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class AcceptedComment {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['pending'] })
  status: 'pending';
}
