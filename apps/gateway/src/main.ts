import 'reflect-metadata';
import { bootstrapService } from '@frontpage/platform';
import { GatewayModule } from './gateway.module';
import { installConditionalGet } from './http/conditional-get';

void bootstrapService({
  name: 'gateway',
  module: GatewayModule,
  configure: (app) => installConditionalGet(app.getHttpAdapter().getInstance()),
  openApi: {
    title: 'Frontpage gateway',
    description:
      'What readers and their apps read: lists, search, article pages with comments, syndication feeds and HTML pages. ' +
      'Successful GET answers carry an ETag (send If-None-Match for a 304) and a Cache-Control suited to the route.',
  },
});
