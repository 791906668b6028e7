import { rmSync } from 'node:fs';
import { type Endpoints, LOCAL_HOST, type LocalPorts, readLocalPorts } from '../infra/config';
import { downLocal, stopStore, upLocal } from '../infra/local';
import { kafkaProcess } from '../infra/local-kafka';
import { type LocalPaths, localPaths, REPO_ROOT } from '../infra/paths';
import { isPortInUse, stopProcess } from '../infra/processes';

/**
 * A Kafka broker and a store of the chaos run's own: the run restarts them, which must never touch the
 * shared instance (`.local/`, 9092/27017) everyone's tests use. By default each run gets a fresh
 * directory under `.local/chaos/` and free ports, so two runs never share one; `--keep-infra` uses
 * `.local/chaos/kept` on 19092-19094 and 28017-28018 and leaves it running for the next run.
 */
export class ChaosInfrastructure {
  private static readonly live = new Set<ChaosInfrastructure>();

  private constructor(
    readonly paths: LocalPaths,
    readonly ports: LocalPorts,
    readonly endpoints: Endpoints,
    private readonly disposable: boolean,
  ) {}

  static async up(runTag: string, keep: boolean): Promise<ChaosInfrastructure> {
    const env = keep
      ? {
          LOCAL_INFRA_DIR: process.env.CHAOS_INFRA_DIR ?? '.local/chaos/kept',
          LOCAL_KAFKA_PORT: process.env.CHAOS_KAFKA_PORT ?? '19092',
          LOCAL_MONGODB_PORT: process.env.CHAOS_MONGODB_PORT ?? '28017',
        }
      : { LOCAL_INFRA_DIR: `.local/chaos/${runTag}`, ...(await freePorts()) };
    const paths = localPaths(REPO_ROOT, env);
    const ports = readLocalPorts(env);
    if (paths.localDir === localPaths(REPO_ROOT, {}).localDir)
      throw new Error('the chaos infrastructure must not be the shared .local one');
    let endpoints: Endpoints;
    try {
      endpoints = await upLocal(paths, ports);
    } catch (error) {
      await downLocal(paths);
      throw error;
    }
    const infra = new ChaosInfrastructure(paths, ports, endpoints, !keep);
    ChaosInfrastructure.live.add(infra);
    return infra;
  }

  /** For an interrupted run: stops every instance still up. */
  static async downAll(): Promise<void> {
    await Promise.all([...ChaosInfrastructure.live].map((infra) => infra.down()));
  }

  /** Stops the broker (SIGTERM, as an orchestrator would) and starts it again; resolves once it answers. */
  async restartKafka(): Promise<void> {
    await stopProcess(kafkaProcess(this.paths));
    await upLocal(this.paths, this.ports);
  }

  /** FerretDB and, on that backend, PostgreSQL behind it. */
  async restartStore(): Promise<void> {
    await stopStore(this.paths);
    await upLocal(this.paths, this.ports);
  }

  /** Stops both; a per-run instance's directory (data and logs) goes too. */
  async down(): Promise<void> {
    ChaosInfrastructure.live.delete(this);
    await downLocal(this.paths);
    if (this.disposable) rmSync(this.paths.localDir, { recursive: true, force: true });
  }
}

/**
 * Three consecutive free ports for Kafka (client, controller, partner listener) and two for the store
 * (FerretDB, and PostgreSQL on the next port: readLocalPorts' default).
 */
async function freePorts(): Promise<{ LOCAL_KAFKA_PORT: string; LOCAL_MONGODB_PORT: string }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const kafka = 20_000 + Math.floor(Math.random() * 9_000);
    const mongodb = kafka + 10_000;
    const candidates = [kafka, kafka + 1, kafka + 2, mongodb, mongodb + 1];
    const taken = await Promise.all(candidates.map((port) => isPortInUse(LOCAL_HOST, port, 300)));
    if (!taken.some(Boolean)) return { LOCAL_KAFKA_PORT: String(kafka), LOCAL_MONGODB_PORT: String(mongodb) };
  }
  throw new Error('no free ports for the chaos infrastructure');
}
