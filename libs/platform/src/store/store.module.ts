import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import { SERVICE_NAME, StoreServiceConfig } from '@frontpage/config';
import type { Connection } from 'mongoose';
import { HealthRegistry } from '../health/health.registry';

@Injectable()
class StoreHealth implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('store', async () => {
      await this.connection.db!.admin().command({ ping: 1 });
      return { ok: true };
    });
  }
}

/** The service's own database (`frontpage-<service>` unless configured), with a readiness check. */
@Module({})
export class StoreModule {
  static forRoot(): DynamicModule {
    return {
      module: StoreModule,
      imports: [
        MongooseModule.forRootAsync({
          inject: [StoreServiceConfig, SERVICE_NAME],
          useFactory: (config: StoreServiceConfig, service: string) => ({
            uri: config.MONGODB_URI,
            dbName: config.MONGODB_DATABASE ?? `frontpage-${service}`,
            serverSelectionTimeoutMS: 5000,
            socketTimeoutMS: config.MONGODB_SOCKET_TIMEOUT_MS,
            // Indexes are part of each repository's contract; build them at start-up.
            autoIndex: true,
          }),
        }),
      ],
      providers: [StoreHealth],
    };
  }
}
