import { EventTopic, TopicEvent } from '@frontpage/contracts';
import { EventAttributes } from './cloud-event-headers';

/** What an `@EventPattern(topic)` handler receives: a validated event plus where it came from. */
export type ConsumedEvent<T extends EventTopic> = TopicEvent<T> & {
  attributes: EventAttributes;
  key: string | null;
  topic: T;
  partition: number;
  offset: string;
};
