import 'reflect-metadata';
import { bootstrapService } from '@frontpage/platform';
import { IngestModule } from './ingest.module';

void bootstrapService({ name: 'ingest', module: IngestModule });
