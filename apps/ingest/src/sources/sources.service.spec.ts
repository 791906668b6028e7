import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { validateEnvironment } from '@frontpage/config';
import { AppError } from '@frontpage/platform';
import { IngestConfig } from '../ingest.config';
import { FeedEntryRepository } from './feed-entry.repository';
import { FeedPollClaimRepository } from './feed-poll-claim.repository';
import { FeedSourceRecord, FeedSourceRepository } from './feed-source.repository';
import { SourcesService } from './sources.service';

describe('SourcesService', () => {
  const stored: FeedSourceRecord[] = [];
  const repository = {
    findByOwnerAndUrl: async (owner: string, url: string) => stored.find((source) => source.owner === owner && source.url === url) ?? null,
    insert: async (source: FeedSourceRecord) => void stored.push(source),
  } as unknown as FeedSourceRepository;
  const service = (env: Record<string, string>) =>
    new SourcesService(
      repository,
      {} as FeedEntryRepository,
      {} as FeedPollClaimRepository,
      validateEnvironment(IngestConfig)({ KAFKA_BROKERS: 'localhost:9092', MONGODB_URI: 'mongodb://localhost:27017', ...env }),
    );
  const fieldsOf = (error: unknown) => (error as AppError).options.fields;

  beforeAll(() => Logger.overrideLogger(false));

  it('registers a feed due at once, with one spelling of its url and the default interval', async () => {
    const { source, created } = await service({}).register('wire', {
      name: ' World ',
      kind: 'rss',
      url: 'HTTPS://Wire.Example:443/rss#top',
    });
    expect(created).toBe(true);
    expect(source).toMatchObject({
      owner: 'wire',
      name: 'World',
      url: 'https://wire.example/rss',
      intervalSeconds: 300,
      health: 'healthy',
    });
    expect(source.nextPollAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses an interval under the configured minimum, with the field', async () => {
    const error = await service({ SOURCE_MIN_INTERVAL_SECONDS: '120' })
      .register('wire', { name: 'x', kind: 'rss', url: 'https://wire.example/a', intervalSeconds: 60 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ httpStatus: 400 });
    expect(fieldsOf(error)).toEqual([{ field: 'intervalSeconds', problems: ['intervalSeconds must not be less than 120'] }]);
  });

  it('refuses loopback and private feed addresses when they are denied', async () => {
    const denying = service({ SOURCE_PRIVATE_ADDRESSES: 'deny' });
    for (const url of [
      'http://127.0.0.1:8080/rss',
      'http://localhost/rss',
      'http://[::1]/rss',
      'http://169.254.169.254/latest',
      'http://10.0.0.7/rss',
    ]) {
      const error = await denying.register('wire', { name: 'x', kind: 'rss', url }).catch((caught: unknown) => caught);
      expect([url, fieldsOf(error)]).toEqual([url, [{ field: 'url', problems: ['url must not point to a private or loopback address'] }]]);
    }
    await expect(service({}).register('wire', { name: 'x', kind: 'rss', url: 'http://127.0.0.1:8080/rss' })).resolves.toMatchObject({
      created: true,
    });
  });
});
