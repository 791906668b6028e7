import 'reflect-metadata';
import { bootstrapService } from '@frontpage/platform';
import { IngestModule } from './ingest.module';

void bootstrapService({
  name: 'ingest',
  module: IngestModule,
  openApi: {
    title: 'Frontpage ingest',
    description:
      'Where publishers, wires and scrapers send articles: native JSON, IPTC ninjs, or whole web pages. An accepted input is a ' +
      'command on Kafka (202) for the article service, which versions and publishes it.',
    bearerAuth: "The source's API key (INGEST_API_KEYS): it names the one source the caller may submit for",
  },
});
