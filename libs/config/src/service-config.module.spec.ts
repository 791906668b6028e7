import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { ServiceConfigModule, SERVICE_NAME } from './service-config.module';
import { ServiceConfig, StoreServiceConfig } from './service.config';

class PlainServiceConfig extends ServiceConfig {}

describe('ServiceConfigModule', () => {
  const env = { ...process.env };
  beforeEach(() => {
    process.env.KAFKA_BROKERS = '127.0.0.1:9092';
    process.env.MONGODB_URI = 'mongodb://127.0.0.1:27017/';
    process.env.PORT = '3999';
  });
  afterEach(() => {
    process.env = { ...env };
  });

  it('provides a store service’s config under its own class and both base classes', async () => {
    const module = await Test.createTestingModule({ imports: [ServiceConfigModule.forService('feedlike', StoreServiceConfig)] }).compile();
    expect(module.get(StoreServiceConfig).MONGODB_URI).toBe('mongodb://127.0.0.1:27017/');
    expect(module.get(ServiceConfig)).toBe(module.get(StoreServiceConfig));
    expect(module.get(SERVICE_NAME)).toBe('feedlike');
  });

  it('works with the base class itself and does not pretend a plain service has a store', async () => {
    const base = await Test.createTestingModule({ imports: [ServiceConfigModule.forService('x', ServiceConfig)] }).compile();
    expect(base.get(ServiceConfig).PORT).toBe(3999);
    const plain = await Test.createTestingModule({
      imports: [ServiceConfigModule.forService('gatewaylike', PlainServiceConfig)],
    }).compile();
    expect(plain.get(ServiceConfig)).toBe(plain.get(PlainServiceConfig));
    expect(() => plain.get(StoreServiceConfig)).toThrow();
  });
});
