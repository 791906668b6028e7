import 'reflect-metadata';
import { bootstrapService } from '@frontpage/platform';
import { setupOpenApi } from './docs/openapi';
import { GatewayModule } from './gateway.module';
import { installConditionalGet } from './http/conditional-get';

void bootstrapService({
  name: 'gateway',
  module: GatewayModule,
  configure: (app) => {
    installConditionalGet(app.getHttpAdapter().getInstance());
    setupOpenApi(app);
  },
});
