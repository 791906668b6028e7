import 'reflect-metadata';
import { bootstrapService } from '@frontpage/platform';
import { GatewayModule } from './gateway.module';

void bootstrapService({ name: 'gateway', module: GatewayModule });
