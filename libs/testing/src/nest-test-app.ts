import { DynamicModule, ForwardReference, Module, Provider, Type } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { KafkaEventServer } from '@frontpage/messaging';
import { bootstrapService, HttpErrorFilter, installWorkContext, requestValidationPipe } from '@frontpage/platform';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { newRunId } from './run-id';

type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface TestAppOptions {
  /** Part of the run id, so topics, groups and databases show which test made them. */
  label: string;
  /** Called once the environment is set: `ServiceConfigModule.forService` validates it when called. */
  imports: () => ModuleImport[];
  controllers?: Type<unknown>[];
  providers?: Provider[];
  /** Runs the `@EventPattern` handlers on Kafka, as `bootstrapService` does. */
  consume?: boolean;
  /**
   * Starts the app with the production `bootstrapService` itself (real HTTP port, JSON logs at
   * LOG_LEVEL) instead of a testing module, to test the wiring of a service as it ships.
   */
  viaBootstrapService?: boolean;
  env?: Record<string, string>;
}

export interface TestApp {
  app: NestFastifyApplication;
  runId: string;
  topicPrefix: string;
  consumerGroup: string;
  database: string;
  /** The physical name of a logical topic for this run. */
  topic(logical: string): string;
  /** Closes the app, then deletes this run's topics and database. Close probes on its topics first. */
  close(): Promise<void>;
}

/**
 * A service module as an in-process Nest app against the real broker and store, wired the way
 * `bootstrapService` wires it, isolated from every other test file by its own topic prefix,
 * consumer group and database.
 */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const runId = newRunId(options.label);
  const topicPrefix = `${runId}.`;
  const consumerGroup = `${runId}-group`;
  const database = runId.slice(0, 60);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_CONSUMER_GROUP: consumerGroup,
    MONGODB_DATABASE: database,
    CONSUMER_MAX_ATTEMPTS: '3',
    CONSUMER_RETRY_BASE_MS: '20',
    CONSUMER_RETRY_MAX_MS: '200',
    ...options.env,
  });

  const app = options.viaBootstrapService ? await startWithBootstrapService(options) : await startWithTestingModule(options);

  return {
    app,
    runId,
    topicPrefix,
    consumerGroup,
    database,
    topic: (logical) => `${topicPrefix}${logical}`,
    close: async () => {
      await app.close();
      await Promise.all([deleteTopics(topicPrefix), dropDatabase(database)]);
    },
  };
}

/** The testing-module twin of `bootstrapService`, wired the same way (the consumer inherits the app's config). */
async function startWithTestingModule(options: TestAppOptions): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: options.imports(),
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: process.env.TEST_APP_LOGS ? ['error', 'warn', 'log'] : ['error', 'fatal'],
  });
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  installWorkContext(app.getHttpAdapter().getInstance());
  if (options.consume) app.connectMicroservice({ strategy: app.get(KafkaEventServer) }, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  return app;
}

async function startWithBootstrapService(options: TestAppOptions): Promise<NestFastifyApplication> {
  @Module({ imports: options.imports(), controllers: options.controllers ?? [], providers: options.providers ?? [] })
  class TestRootModule {}
  const app = await bootstrapService({
    name: options.label,
    module: TestRootModule,
    consumer: options.consume ? (created) => created.get(KafkaEventServer) : undefined,
  });
  return app as NestFastifyApplication;
}

async function deleteTopics(prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'frontpage-tests-cleanup', brokers: brokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

async function dropDatabase(database: string): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) return;
  const connection = await mongoose.createConnection(uri, { dbName: database, serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

function brokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}
