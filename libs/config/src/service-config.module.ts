import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from './validate-environment';
import { ServiceConfig, StoreServiceConfig } from './service.config';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

/**
 * Validates the environment once at start-up (a bad or missing variable stops the process) and
 * provides the typed config both as its own class and as `ServiceConfig`, for the shared libraries.
 */
@Module({})
export class ServiceConfigModule {
  static forService<T extends ServiceConfig>(serviceName: string, schema: new () => T): DynamicModule {
    const validate = validateEnvironment(schema);
    const aliases = [ServiceConfig, StoreServiceConfig].filter((base) => base !== schema && schema.prototype instanceof base);
    return {
      module: ServiceConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, validate })],
      providers: [
        { provide: schema, useFactory: () => validate(process.env) },
        // The shared libraries ask for the base classes; alias them to the service's own class.
        ...aliases.map((base) => ({ provide: base, useExisting: schema })),
        { provide: SERVICE_NAME, useValue: serviceName },
      ],
      exports: [schema, ...aliases, SERVICE_NAME],
    };
  }
}
