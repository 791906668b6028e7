import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CustomStrategy } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigurationError, ServiceConfig } from '@frontpage/config';
import { OpenApiOptions, setupOpenApi } from '../docs/openapi';
import { HttpErrorFilter } from '../http/http-error.filter';
import { ROUTER_OPTIONS } from '../http/router-options';
import { requestValidationPipe } from '../http/validation';
import { installWorkContext } from '../http/work-context.hooks';
import { JsonLogger } from '../logging/json-logger';
import { MetricsService } from '../metrics/metrics.service';

export interface ServiceDefinition {
  name: string;
  module: unknown;
  /** The consumer to run beside the HTTP server, if the service consumes Kafka topics. */
  consumer?: (app: INestApplication) => CustomStrategy['strategy'];
  /** Adds what a service needs on its HTTP server (hooks, documentation routes) before it starts. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
  /** The service's OpenAPI document, served at `/docs-json` and browsable at `/docs`. */
  openApi?: OpenApiOptions;
}

/**
 * Starts a service as one process: Fastify HTTP (its query API, health, metrics) plus its Kafka
 * consumer. A bad configuration stops it with one line per problem; SIGTERM stops consuming,
 * finishes in-flight work, commits and closes everything within SHUTDOWN_TIMEOUT_MS.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<INestApplication> {
  const logger = new JsonLogger(definition.name, (process.env.LOG_LEVEL as 'info') ?? 'info');
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      definition.module as never,
      // No service uses Nest middleware: without middie, requests skip a middleware runner (a
      // middleware added later fails at start-up rather than being skipped).
      new FastifyAdapter({ bodyLimit: 4 * 1024 * 1024, trustProxy: true, skipMiddie: true, ...ROUTER_OPTIONS }),
      { logger, bufferLogs: true, abortOnError: false },
    );
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const config = app.get(ServiceConfig);
  logger.setLevel(config.LOG_LEVEL);

  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  installWorkContext(app.getHttpAdapter().getInstance());
  recordHttpDurations(app, app.get(MetricsService));
  await definition.configure?.(app);
  if (definition.openApi) setupOpenApi(app, definition.openApi);

  // The consumer inherits the app's global filters: Nest registers handlers as soon as the
  // microservice is connected, so filters added to it afterwards would never apply. HttpErrorFilter
  // re-throws errors outside HTTP, so a handler's own error reaches the retry/dead-letter policy.
  if (definition.consumer) app.connectMicroservice({ strategy: definition.consumer(app) }, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);

  installShutdown(app, config.SHUTDOWN_TIMEOUT_MS, definition.name);
  Logger.log(`${definition.name} listening on http://${config.HOST}:${config.PORT}`, 'Bootstrap');
  return app;
}

function recordHttpDurations(app: NestFastifyApplication, metrics: MetricsService): void {
  // One labelled child per method, route and status, looked up by a string key: prom-client would
  // otherwise hash the label object on every request.
  const series = new Map<string, Observer>();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let observer = series.get(key);
      if (!observer) {
        observer = metrics.httpRequestDuration.labels({ method: request.method, route, status: String(reply.statusCode) });
        series.set(key, observer);
      }
      observer.observe(reply.elapsedTime / 1000);
      done();
    });
}

type Observer = { observe(seconds: number): void };

function installShutdown(app: INestApplication, timeoutMs: number, name: string): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    Logger.log(`${signal} received: draining`, 'Shutdown');
    const deadline = setTimeout(() => {
      Logger.error(`${name} did not stop within ${timeoutMs} ms; exiting anyway`, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    app
      .close()
      .then(() => {
        Logger.log('stopped cleanly', 'Shutdown');
        process.exit(0);
      })
      .catch((error: Error) => {
        Logger.error(error, 'Shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
