/**
 * `npm run feed:rebuild`: rebuilds the feed's projection from the topics into a new generation of
 * collections and switches the replicas over while they keep serving. Configured by the same
 * environment as the feed service (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_CONSUMER_GROUP,
 * MONGODB_URI, MONGODB_DATABASE). Exits 0 once switched, 1 on failure (the old generation stays
 * active), 2 on a usage error, 130 when interrupted.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigurationError } from '@frontpage/config';
import { Topics } from '@frontpage/contracts';
import { ConsumedEvent, KafkaConnection } from '@frontpage/messaging';
import { JsonLogger } from '@frontpage/platform';
import { FeedConfig } from './feed.config';
import { FeedRebuildModule } from './feed-rebuild.module';
import { ArticleEventsHandler } from './feed/article-events.handler';
import { CommentEventsHandler } from './feed/comment-events.handler';
import { FeedItemRepository } from './feed/feed-item.repository';
import { ProjectionGenerations } from './feed/projection/projection-generations';
import { ProjectionRebuild, RebuildFailed } from './feed/projection/projection-rebuild';
import { ProjectionStateRepository } from './feed/projection/projection-state.repository';
import { SearchTermRepository } from './feed/search-term.repository';
import { parseRebuildOptions, REBUILD_USAGE, UsageError } from './feed/projection/rebuild-options';

const say = (line: string) => process.stdout.write(`[feed:rebuild] ${line}\n`);

async function main(): Promise<number> {
  let options;
  try {
    options = parseRebuildOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`feed:rebuild: ${error.message}\n${REBUILD_USAGE}\n`);
    return 2;
  }
  // The projection logs every event it applies; an operator wants the progress lines, and problems.
  const logger = new JsonLogger('feed-rebuild', process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn', (line) => process.stderr.write(line));
  const abort = new AbortController();
  let interrupted = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // One Ctrl-C may arrive several times (the terminal and each wrapping process relay it).
    if (interrupted && Date.now() - interrupted > 1000) process.exit(130);
    if (interrupted) return;
    interrupted = Date.now();
    say(`${signal}: aborting; the active generation stays as it is (again to quit at once)`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const app = await NestFactory.createApplicationContext(FeedRebuildModule, { logger, abortOnError: false });
  try {
    const generations = app.get(ProjectionGenerations);
    const pointer = app.get(ProjectionStateRepository);
    const config = app.get(FeedConfig);
    const database = config.MONGODB_DATABASE ?? 'frontpage-feed';
    if (options.mode === 'status') {
      const state = await pointer.read();
      say(`database ${database}: ${JSON.stringify(state)}`);
      return 0;
    }
    if (options.mode === 'abort') {
      const state = await pointer.read();
      if (state.building === null) {
        say(`no rebuild in progress; generation ${state.active} is active`);
        return 0;
      }
      await pointer.release(state.building);
      say(`generation ${state.building} is no longer building; waiting for the replicas before dropping it`);
      await new Promise((resolve) => setTimeout(resolve, 2 * config.FEED_PROJECTION_POLL_MS + 500));
      say(`dropped ${(await generations.dropCollections(state.building)).join(', ')}; generation ${state.active} stays active`);
      return 0;
    }
    const articles = app.get(ArticleEventsHandler);
    const comments = app.get(CommentEventsHandler);
    const rebuild = new ProjectionRebuild({
      generations,
      pointer,
      kafka: app.get(KafkaConnection),
      config,
      items: app.get(FeedItemRepository),
      searchTerms: app.get(SearchTermRepository),
      out: say,
      handlers: {
        [Topics.NewsArticles]: (event) => articles.handle(event as ConsumedEvent<typeof Topics.NewsArticles>),
        [Topics.NewsComments]: (event) => comments.handle(event as ConsumedEvent<typeof Topics.NewsComments>),
      },
    });
    say(`database ${database}, topics prefixed "${config.KAFKA_TOPIC_PREFIX}", brokers ${config.KAFKA_BROKERS.join(',')}`);
    try {
      const summary = await rebuild.run(options, abort.signal);
      say(
        `done in ${(summary.durationMs / 1000).toFixed(1)} s: generation ${summary.generation} active (was ${summary.previous}); ` +
          `${summary.applied} events applied, ${summary.skipped} skipped${summary.skipped ? ` ${JSON.stringify(summary.skippedByCode)}` : ''}`,
      );
      for (const line of summary.offsets) say(`  ${line}`);
      return 0;
    } catch (error) {
      say(`failed: ${(error as Error).message}`);
      if (!(error instanceof RebuildFailed)) process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      return interrupted ? 130 : 1;
    }
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`feed:rebuild: ${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`feed:rebuild: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
