import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@frontpage/contracts';
import { ConsumedEvent } from '@frontpage/messaging';
import { CommentModerationService } from './comment-moderation.service';

@Controller()
export class CommentSubmittedHandler {
  constructor(private readonly moderation: CommentModerationService) {}

  @EventPattern(Topics.CommentSubmissions)
  async handle(@Payload() event: ConsumedEvent<typeof Topics.CommentSubmissions>): Promise<void> {
    switch (event.type) {
      case 'CommentSubmitted':
        return this.moderation.moderateSubmission(event.data);
    }
  }
}
