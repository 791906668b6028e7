import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

interface Healthcheck {
  test: string[] | string;
}

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  ports?: Array<string | number | { published?: string | number }>;
  expose?: Array<string | number>;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: Healthcheck;
  profiles?: string[];
  command?: string | string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

const root = resolve(__dirname, '..', '..');
// merge: docker compose honours YAML merge keys (<<), which the file uses for shared settings.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

const APP_PORTS: Record<string, number> = { gateway: 3000, ingest: 3001, article: 3002, comment: 3003, feed: 3004 };
const APPS = Object.keys(APP_PORTS);

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

function healthcheckText(s: ComposeService): string {
  const test = s.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

/** A host port is fixed when a ports entry names one ("3000:3000", or long syntax with `published`). */
function fixedHostPorts(s: ComposeService): string[] {
  return (s.ports ?? []).flatMap((entry) => {
    if (typeof entry === 'object') return entry.published === undefined ? [] : [String(entry.published)];
    const parts = String(entry).split(':');
    return parts.length > 1 ? [parts[parts.length - 2]] : [];
  });
}

describe('docker-compose.yml', () => {
  it('defines kafka, mongo and the five services', () => {
    const always = Object.entries(compose.services).filter(([, s]) => !s.profiles);
    expect(always.map(([name]) => name).sort()).toEqual(['article', 'comment', 'feed', 'gateway', 'ingest', 'kafka', 'mongo']);
  });

  it.each(APPS)('%s builds from the shared Dockerfile with its APP build arg', (app) => {
    const build = service(app).build;
    expect(build?.context).toBe('.');
    expect(build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(build?.args?.APP).toBe(app);
  });

  it.each(APPS)('%s checks /health/ready on its own port', (app) => {
    const text = healthcheckText(service(app));
    expect(text).toContain(`http://127.0.0.1:${APP_PORTS[app]}/health/ready`);
    expect(String(service(app).environment?.PORT)).toBe(String(APP_PORTS[app]));
  });

  it.each(APPS)('%s waits for healthy kafka and mongo', (app) => {
    const dependsOn = service(app).depends_on ?? {};
    expect(dependsOn.kafka).toEqual({ condition: 'service_healthy' });
    expect(dependsOn.mongo).toEqual({ condition: 'service_healthy' });
  });

  it.each(APPS)('%s reaches kafka on the internal listener and listens on all interfaces', (app) => {
    const env = service(app).environment ?? {};
    expect(env.KAFKA_BROKERS).toBe('kafka:19092');
    expect(env.MONGODB_URI).toBe('mongodb://mongo:27017');
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.NODE_ENV).toBe('production');
  });

  it('gateway waits for healthy feed and article and knows every upstream', () => {
    const gateway = service('gateway');
    expect(gateway.depends_on?.feed).toEqual({ condition: 'service_healthy' });
    expect(gateway.depends_on?.article).toEqual({ condition: 'service_healthy' });
    expect(gateway.environment).toMatchObject({
      FEED_SERVICE_URL: 'http://feed:3004',
      ARTICLE_SERVICE_URL: 'http://article:3002',
      COMMENT_SERVICE_URL: 'http://comment:3003',
    });
  });

  it('passes the secrets ingest and comment require in production', () => {
    expect(String(service('ingest').environment?.INGEST_API_KEYS)).toMatch(/^\$\{INGEST_API_KEYS:-[^}]+\}$/);
    expect(String(service('comment').environment?.MODERATOR_TOKEN)).toMatch(/^\$\{MODERATOR_TOKEN:-[^}]+\}$/);
  });

  it('publishes fixed host ports only for gateway and ingest, so the others scale', () => {
    const withFixedPorts = APPS.filter((app) => fixedHostPorts(service(app)).length > 0);
    expect(withFixedPorts.sort()).toEqual(['gateway', 'ingest']);
    expect(fixedHostPorts(service('gateway'))).toEqual(['3000']);
    for (const app of ['feed', 'comment', 'article']) expect(service(app).ports).toBeUndefined();
  });

  it('gives kafka and mongo healthchecks', () => {
    expect(healthcheckText(service('kafka'))).toContain('kafka-broker-api-versions.sh');
    expect(healthcheckText(service('mongo'))).toContain("db.adminCommand('ping')");
  });

  it('runs kafka as a single KRaft node with an internal and a host listener', () => {
    const kafka = service('kafka');
    expect(kafka.image).toBe('apache/kafka:4.1.1');
    expect(kafka.environment).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_ADVERTISED_LISTENERS: 'INTERNAL://kafka:19092,EXTERNAL://localhost:9092,PARTNER://localhost:9094',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    });
    expect(String(kafka.environment?.CLUSTER_ID)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(service('mongo').image).toBe('mongo:8');
  });
});

describe('the partners profile', () => {
  it('gives partners their own SCRAM listener on a broker that enforces ACLs', () => {
    const env = service('kafka').environment ?? {};
    expect(env.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).toContain('PARTNER:SASL_PLAINTEXT');
    expect(env).toMatchObject({
      KAFKA_SASL_ENABLED_MECHANISMS: 'SCRAM-SHA-512',
      KAFKA_AUTHORIZER_CLASS_NAME: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      KAFKA_SUPER_USERS: 'User:ANONYMOUS',
      KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: 'false',
    });
    expect(String(env.KAFKA_LISTENER_NAME_PARTNER_SCRAM___SHA___512_SASL_JAAS_CONFIG)).toContain('ScramLoginModule required;');
    expect(fixedHostPorts(service('kafka'))).toContain('9094');
  });

  it('creates the partner principal and lets it read news.* and partner groups only', () => {
    const setup = service('kafka-partners-setup');
    expect(setup.profiles).toEqual(['partners']);
    expect(setup.depends_on?.kafka?.condition).toBe('service_healthy');
    const script = ([] as string[]).concat(setup.command ?? []).join(' ');
    expect(script).toContain('--add-config "SCRAM-SHA-512=[password=$$PARTNER_PASSWORD]"');
    expect(script).toContain('--operation Read --topic news. --resource-pattern-type prefixed');
    expect(script).toContain('--operation Read --group partner --resource-pattern-type prefixed');
    expect(script.match(/--operation (\w+)/g)).toEqual(['--operation Read', '--operation Read']);
  });
});

describe('Dockerfile', () => {
  it('is multi-stage and takes the service as ARG APP', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG APP$/m);
  });

  it('installs production dependencies only in the runtime stage', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toContain('npm ci --omit=dev');
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
  });

  it('runs dist/apps/${APP}/src/main.js', () => {
    expect(dockerfile).toMatch(/^CMD .*node dist\/apps\/\$\{APP\}\/src\/main\.js/m);
  });
});
