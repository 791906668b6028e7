import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { deadLetterTopicOf, ErrorCodes } from '@frontpage/contracts';
import { contextFrom, MetricsService, runInContext } from '@frontpage/platform';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { ConsumedEvent } from './consumed-event';
import { deadLetterHeaders } from './dead-letter';
import { EventPublisher } from './event-publisher';
import { backoffDelay, decideOnFailure } from './failure-policy';
import { KafkaConnection } from './kafka-connection';
import { decodeMessage } from './message-decoder';

type BatchControls = Pick<EachBatchPayload, 'heartbeat' | 'isRunning' | 'isStale' | 'commitOffsetsIfNecessary'>;

/**
 * A Nest microservice transport that runs `@EventPattern(topic)` handlers on Kafka with the
 * guarantees the design asks for: each message is validated before its handler sees it; failures
 * are retried with backoff; a message that cannot succeed goes to `<topic>.dlq` with its original
 * headers and the reason; and an offset is committed only after its handler has finished, so a
 * crash redelivers rather than loses. Partitions are processed several at a time, each in order, or
 * (KAFKA_KEYS_CONSUMED_CONCURRENTLY > 1) several keys of a partition at a time, each key in order.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private joined = false;
  private lastHeartbeatAt = 0;
  /**
   * When a batch last arrived, a message was last handled, or a check last found nothing waiting: the
   * consumer is alive, or has nothing to fetch.
   */
  private lastProgressAt = Date.now();
  private quietChecksSoFar = 0;
  /** Messages being handled now (a handler waiting out an outage counts). */
  private handling = 0;
  private watchdog?: NodeJS.Timeout;
  private restarting = false;
  /** The partitions the group gave this member at its last join, by physical topic. */
  private assignment: Record<string, number[]> = {};
  private readonly log = new Logger('KafkaConsumer');

  constructor(
    private readonly connection: KafkaConnection,
    private readonly publisher: EventPublisher,
    private readonly metrics: MetricsService,
  ) {
    super();
  }

  get groupId(): string {
    return this.connection.config.KAFKA_CONSUMER_GROUP ?? `frontpage-${this.connection.serviceName}`;
  }

  /**
   * Ready once the consumer has joined its group and keeps heartbeating (or when there is nothing to
   * consume). A handler stuck on a dependency stops the heartbeats, and the broker then drops the
   * member from the group: readiness must say so too.
   */
  get isReady(): boolean {
    return this.consumer === undefined || (this.joined && !this.heartbeatOverdue);
  }

  private get heartbeatOverdue(): boolean {
    return Date.now() - this.lastHeartbeatAt > this.connection.config.KAFKA_SESSION_TIMEOUT_MS;
  }

  /** How often the stall watchdog found the consumer quiet with nothing waiting for it (and left it alone). */
  get quietChecks(): number {
    return this.quietChecksSoFar;
  }

  describeState(): string {
    if (this.consumer === undefined) return 'consumes no topics';
    if (!this.joined) return `joining group ${this.groupId}`;
    return this.heartbeatOverdue ? `no heartbeat to group ${this.groupId} for over the session timeout` : `in group ${this.groupId}`;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      this.watchForStalls();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    // Waits for the batch in progress, commits what it resolved and leaves the group.
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  on(): void {
    throw new Error('KafkaEventServer does not emit status events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length === 0) return;
    const { config } = this.connection;
    const consumer = this.connection.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatInterval: config.KAFKA_HEARTBEAT_INTERVAL_MS,
      // How long the broker holds a fetch that finds nothing new: a message that arrives meanwhile is
      // answered at once, so this costs no delay, but every empty answer is a round trip for both
      // sides. At 100 ms an idle system spent about twice the broker CPU and half again the
      // consumers' (measured with the pipeline bench's CPU figures; docs/BENCHMARKS.md, session 5).
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.HEARTBEAT, () => {
      this.lastHeartbeatAt = Date.now();
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      this.assignment = payload.memberAssignment;
      this.lastHeartbeatAt = Date.now();
      this.log.log({ msg: 'joined consumer group', group: this.groupId, assignment: payload.memberAssignment });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      this.log.error({ msg: 'consumer crashed', error: payload.error.message, restart: payload.restart });
      // kafkajs restarts after retriable errors; after any other it stops for good, and a process
      // that no longer consumes should not keep running: shut down so the supervisor restarts it.
      if (!payload.restart) process.kill(process.pid, 'SIGTERM');
    });
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => this.connection.physical(t)), fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: 500,
      autoCommitThreshold: 100,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.log.log({ msg: 'consuming', topics, group: this.groupId });
  }

  /**
   * kafkajs can stop fetching without a word and go on heartbeating, so the group sees a healthy
   * member (seen after a broker restart in a chaos run; upstream tulios/kafkajs#1431 and others). A
   * consumer that has received nothing for KAFKA_CONSUMER_STALL_MS, has no handler running and has
   * messages waiting in its partitions is restarted: a new kafkajs consumer joins the group and goes on
   * from the committed offsets (handlers are idempotent, so a message redelivered is harmless). A quiet
   * consumer with nothing waiting is asked about again only after another such period.
   */
  private watchForStalls(): void {
    if (this.consumer === undefined) return;
    const stallMs = this.connection.config.KAFKA_CONSUMER_STALL_MS;
    this.watchdog = setInterval(() => void this.checkForStall(stallMs), Math.min(15_000, Math.ceil(stallMs / 3)));
    this.watchdog.unref();
  }

  private async checkForStall(stallMs: number): Promise<void> {
    if (this.restarting || this.handling > 0 || Date.now() - this.lastProgressAt < stallMs) return;
    this.restarting = true;
    try {
      const waiting = await this.messagesWaiting();
      if (waiting === 0) {
        this.quietChecksSoFar++;
        this.lastProgressAt = Date.now();
        return;
      }
      this.log.error({
        msg: 'consumer received nothing while messages wait for it; restarting it',
        group: this.groupId,
        waiting,
        idleSeconds: Math.round((Date.now() - this.lastProgressAt) / 1000),
      });
      const stuck = this.consumer;
      this.consumer = undefined;
      this.joined = false;
      this.assignment = {};
      await stuck?.disconnect().catch(() => undefined);
      this.lastProgressAt = Date.now();
      await this.start();
    } catch (error) {
      // The broker may be away: the next check tries again.
      this.log.warn({ msg: 'could not check or restart a quiet consumer', group: this.groupId, error: (error as Error).message });
    } finally {
      this.restarting = false;
    }
  }

  /**
   * Messages past the group's committed offsets in the partitions assigned to this member (another
   * replica's backlog is not this one's to fetch).
   */
  private async messagesWaiting(): Promise<number> {
    const topics = Object.keys(this.assignment).filter((topic) => this.assignment[topic].length > 0);
    if (topics.length === 0) return 0;
    const admin = this.connection.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: this.groupId, topics });
      let waiting = 0;
      for (const topic of topics) {
        const ends = (await admin.fetchTopicOffsets(topic)).filter((end) => this.assignment[topic].includes(end.partition));
        const done = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
        for (const end of ends) {
          const at = Number(done.find((entry) => entry.partition === end.partition)?.offset ?? -1);
          waiting += Number(end.high) - Math.max(at, Number(end.low));
        }
      }
      return waiting;
    } finally {
      await admin.disconnect();
    }
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    this.lastProgressAt = Date.now();
    const topic = this.connection.logical(batch.topic);
    if (this.connection.config.KAFKA_KEYS_CONSUMED_CONCURRENTLY > 1 && batch.messages.length > 1) {
      await this.handleBatchByKey(topic, payload);
    } else {
      await this.handleBatchInOrder(topic, payload);
    }
    this.metrics.consumerLag.set({ topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
  }

  private async handleBatchInOrder(topic: string, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale } = payload;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      const handled = await this.handleMessage(topic, batch.partition, message, {
        heartbeat,
        isRunning,
        isStale,
        commitOffsetsIfNecessary,
      });
      if (!handled) return;
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /**
   * The batch's messages grouped by key, several keys at a time, each key's messages in order. An
   * offset is resolved (and so committed) only once it and every message before it in the partition
   * are handled, so a crash redelivers whatever was not finished, as with the in-order loop; the
   * handlers' idempotence makes the redelivery of an already handled later message harmless.
   */
  private async handleBatchByKey(topic: string, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale } = payload;
    const controls = { heartbeat, isRunning, isStale, commitOffsetsIfNecessary };
    const byKey = new Map<string, number[]>();
    batch.messages.forEach((message, index) => {
      // Messages without a key have no order but the partition's: they share one lane.
      const key = message.key === null ? '' : `k:${message.key.toString('base64')}`;
      const lane = byKey.get(key);
      if (lane) lane.push(index);
      else byKey.set(key, [index]);
    });
    const lanes = [...byKey.values()];
    const handled = new Array<boolean>(batch.messages.length).fill(false);
    let resolved = 0;
    let stopping = false;
    // One commit at a time: the workers finish in any order, the resolved offset only moves forward.
    let committing: Promise<void> = Promise.resolve();
    const advance = async () => {
      const before = resolved;
      while (resolved < handled.length && handled[resolved]) resolved++;
      if (resolved === before) return;
      resolveOffset(batch.messages[resolved - 1].offset);
      committing = committing.then(() => commitOffsetsIfNecessary());
      await committing;
    };
    const work = async () => {
      for (let lane = lanes.shift(); lane && !stopping; lane = lanes.shift()) {
        for (const index of lane) {
          if (stopping || !isRunning() || isStale()) {
            stopping = true;
            return;
          }
          if (!(await this.handleMessage(topic, batch.partition, batch.messages[index], controls))) {
            stopping = true;
            return;
          }
          handled[index] = true;
          await advance();
          await heartbeat();
        }
      }
    };
    const workers = Math.min(this.connection.config.KAFKA_KEYS_CONSUMED_CONCURRENTLY, lanes.length);
    const results = await Promise.allSettled(Array.from({ length: workers }, () => work()));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Returns false when the consumer is stopping and the message must be left for redelivery. */
  private async handleMessage(topic: string, partition: number, message: KafkaMessage, controls: BatchControls): Promise<boolean> {
    const stopTimer = this.metrics.handlerDuration.startTimer({ topic });
    this.handling++;
    try {
      const decoded = decodeMessage(topic, message);
      if (!decoded.ok) {
        return await this.deadLetter(topic, partition, message, decoded.code, decoded.reason, 0, controls);
      }
      const handler = this.getHandlerByPattern(topic);
      if (!handler) {
        return await this.deadLetter(topic, partition, message, ErrorCodes.NoHandler, `no handler for ${topic}`, 0, controls);
      }
      const { event, attributes, key } = { event: decoded.event, attributes: decoded.event.attributes, key: decoded.event.key };
      const consumed = {
        type: event.type,
        data: event.data,
        attributes,
        key,
        topic,
        partition,
        offset: message.offset,
      } as ConsumedEvent<never>;
      const context = contextFrom({ correlationId: attributes.correlationId, traceparent: attributes.traceparent });
      return await runInContext(context, () => this.runWithRetries(handler, consumed, message, controls));
    } finally {
      this.handling--;
      this.lastProgressAt = Date.now();
      stopTimer();
    }
  }

  private async runWithRetries(
    handler: MessageHandler,
    event: ConsumedEvent<never>,
    message: KafkaMessage,
    controls: BatchControls,
  ): Promise<boolean> {
    const { config } = this.connection;
    const { topic, partition } = event;
    for (let attempt = 1; ; attempt++) {
      try {
        await lastValueFrom(this.transformToObservable(await handler(event)), { defaultValue: undefined });
        this.metrics.messagesConsumed.inc({ topic, outcome: 'handled' });
        return true;
      } catch (error) {
        const decision = decideOnFailure(error, attempt, config.CONSUMER_MAX_ATTEMPTS);
        const reason = error instanceof Error ? error.message : String(error);
        if (decision === 'dead-letter') {
          const code = (error as { code?: string }).code ?? ErrorCodes.HandlerFailed;
          return this.deadLetter(topic, partition, message, String(code), reason, attempt, controls);
        }
        if (decision === 'wait-for-infrastructure') attempt = Math.min(attempt, config.CONSUMER_MAX_ATTEMPTS);
        this.metrics.messagesRetried.inc({ topic });
        this.log.warn({ msg: 'handler failed, will retry', topic, partition, offset: message.offset, attempt, decision, error: reason });
        const delay = backoffDelay(attempt, config.CONSUMER_RETRY_BASE_MS, config.CONSUMER_RETRY_MAX_MS);
        if (!(await this.pause(delay, controls))) return false;
      }
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    code: string,
    error: string,
    attempts: number,
    controls: BatchControls,
  ): Promise<boolean> {
    const headers = deadLetterHeaders(message, { code, error, topic, partition, attempts, group: this.groupId });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.publisher.send(deadLetterTopicOf(topic), message.key, message.value, headers);
        break;
      } catch (sendError) {
        this.log.error({
          msg: 'could not dead-letter message, will retry',
          topic,
          offset: message.offset,
          error: (sendError as Error).message,
        });
        if (!(await this.pause(backoffDelay(attempt, 200, 5000), controls))) return false;
      }
    }
    this.metrics.messagesDeadLettered.inc({ topic, code });
    this.metrics.messagesConsumed.inc({ topic, outcome: 'dead-lettered' });
    this.log.warn({ msg: 'message dead-lettered', topic, partition, offset: message.offset, code, error });
    return true;
  }

  /**
   * Sleeps while keeping the group membership alive; false if the consumer stops meanwhile. What is
   * already handled gets committed meanwhile: a message waiting out an outage must not leave the
   * ones before it (a dead-lettered poison message, say) to be redelivered by the next rebalance.
   */
  private async pause(ms: number, { heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: BatchControls): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!isRunning() || isStale()) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, until - Date.now())));
      await heartbeat().catch(() => undefined);
      await commitOffsetsIfNecessary().catch(() => undefined);
    }
    return isRunning() && !isStale();
  }
}
