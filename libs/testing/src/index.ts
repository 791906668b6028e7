export * from './eventually';
export * from './run-id';
export * from './free-port';
export * from './http';
export * from './service-process';
export * from './test-system';
export * from './kafka-probe';
export * from './event-schema-validator';
