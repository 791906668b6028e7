/**
 * `npm start`: builds, brings up Kafka and the store (unless configured), starts the five services as
 * separate processes, posts the demo articles through ingest and prints where to look. Ctrl-C stops
 * the services cleanly; the infrastructure keeps running (`npm run infra:down` stops it).
 */
import { ChildProcess, execSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DEMO_ARTICLES } from './demo/demo-articles';
import { describeInfrastructure, resolveInfrastructure } from './infra';

const ROOT = resolve(__dirname, '..');
const SERVICES = [
  { name: 'article', port: 3002 },
  { name: 'feed', port: 3004 },
  { name: 'comment', port: 3003 },
  { name: 'ingest', port: 3001 },
  { name: 'gateway', port: 3000 },
] as const;
const DEV_INGEST_KEY = 'dev-ingest-key';
const DEV_MODERATOR_TOKEN = 'dev-moderator-token';
const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];
const RESET = '\x1b[0m';

const children = new Map<string, ChildProcess>();
let stopping = false;

function say(message: string): void {
  process.stdout.write(`[start] ${message}\n`);
}

function portOf(name: string, fallback: number): number {
  return Number(process.env[`${name.toUpperCase()}_PORT`] ?? fallback);
}

function startService(name: string, port: number, colour: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', name, 'src/main.js')], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `${colour}${name.padEnd(7)}${RESET} | `;
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) process.stdout.write(`${prefix}${line}\n`);
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  child.once('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void stopAll(1);
    }
  });
  children.set(name, child);
  return child;
}

async function waitUntilReady(name: string, port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(name)) throw new Error(`${name} exited during start-up`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
}

async function postDemoArticles(ingestPort: number): Promise<void> {
  for (const article of DEMO_ARTICLES) {
    const response = await fetch(`http://127.0.0.1:${ingestPort}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV_INGEST_KEY}` },
      body: JSON.stringify({ ...article, source: 'demo' }),
    });
    if (response.status !== 202) throw new Error(`demo article refused: ${response.status} ${await response.text()}`);
  }
}

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping services...');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  say('all services stopped. Kafka and the store are still running: `npm run infra:down` stops them.');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    say('building...');
    execSync('npm run -s build', { cwd: ROOT, stdio: 'inherit' });
  }
  const infra = await resolveInfrastructure('start');
  say(`infrastructure ready (${describeInfrastructure(infra)})`);

  const ports = Object.fromEntries(SERVICES.map((s) => [s.name, portOf(s.name, s.port)])) as Record<string, number>;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: infra.kafkaBrokers,
    MONGODB_URI: infra.mongodbUri,
    FEED_SERVICE_URL: `http://127.0.0.1:${ports.feed}`,
    ARTICLE_SERVICE_URL: `http://127.0.0.1:${ports.article}`,
    COMMENT_SERVICE_URL: `http://127.0.0.1:${ports.comment}`,
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${ports.gateway}`,
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  // Consumers first, so their groups exist before the demo articles are published.
  SERVICES.forEach((service, index) => startService(service.name, ports[service.name], COLOURS[index], env));
  for (const service of SERVICES) await waitUntilReady(service.name, ports[service.name]);

  await postDemoArticles(ports.ingest);
  say(`posted ${DEMO_ARTICLES.length} demo articles through ingest`);
  const gateway = `http://localhost:${ports.gateway}`;
  process.stdout.write(
    [
      '',
      '  Frontpage is running.',
      '',
      `  Front page:      ${gateway}/`,
      `  Reader feed:     ${gateway}/v1/feed   (JSON; RSS at /feed.xml, JSON Feed at /feed.json)`,
      `  An article:      ${gateway}/v1/articles/<slug>   (slugs are in the feed)`,
      `  API docs:        ${gateway}/docs`,
      `  Ingest:          POST http://localhost:${ports.ingest}/v1/articles   (Authorization: Bearer ${DEV_INGEST_KEY}, source "demo")`,
      `  Health/metrics:  http://localhost:<port>/health/ready, /metrics   (ports ${SERVICES.map((s) => `${s.name} ${ports[s.name]}`).join(', ')})`,
      `  Moderator token: ${DEV_MODERATOR_TOKEN}   (development only)`,
      '',
      '  Ctrl-C stops the services.',
      '',
    ].join('\n') + '\n',
  );
}

main().catch((error: Error) => {
  say(`failed: ${error.message}`);
  void stopAll(1);
});
