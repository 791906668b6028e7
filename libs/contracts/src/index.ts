import 'reflect-metadata';
export * from './topics';
export * from './event-map';
export * from './article-id';
export * from './articles/article-limits';
export * from './articles/article-submitted.event';
export * from './articles/article-snapshot.event';
export * from './error-codes';
