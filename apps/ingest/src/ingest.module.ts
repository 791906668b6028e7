import { Module } from '@nestjs/common';
import { ServiceConfigModule } from '@frontpage/config';
import { MessagingModule } from '@frontpage/messaging';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { ArticlesModule } from './articles/articles.module';
import { IngestConfig } from './ingest.config';
import { PagesModule } from './pages/pages.module';
import { SourcesModule } from './sources/sources.module';

@Module({
  imports: [
    ServiceConfigModule.forService('ingest', IngestConfig),
    PlatformModule,
    StoreModule.forRoot(),
    MessagingModule,
    ArticlesModule,
    PagesModule,
    SourcesModule,
  ],
})
export class IngestModule {}
