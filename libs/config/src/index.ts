import 'reflect-metadata';
export * from './validate-environment';
export * from './service.config';
export * from './service-config.module';
