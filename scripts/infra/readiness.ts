import { InfraError } from './log';
import { sleep } from './processes';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Returns a reason to give up early, e.g. the process died. */
  giveUp?: () => string | undefined;
  /** Extra context for the timeout error, e.g. the tail of a log. */
  context?: () => string;
}

export async function waitUntil(what: string, check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return;
    const reason = options.giveUp?.();
    const failure = reason ?? (Date.now() >= deadline ? `did not answer within ${options.timeoutMs / 1000} s` : undefined);
    if (failure) {
      const context = options.context ? `\n${options.context()}` : '';
      throw new InfraError(`${what} ${failure}${context}`);
    }
    await sleep(options.intervalMs ?? 500);
  }
}

export async function kafkaAnswers(brokers: string): Promise<boolean> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({
    clientId: 'infra-readiness',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function mongoAnswers(uri: string): Promise<boolean> {
  const { default: mongoose } = await import('mongoose');
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}
