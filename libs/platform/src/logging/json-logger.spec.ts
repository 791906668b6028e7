import { contextFrom, runInContext } from '../context/request-context';
import { JsonLogger } from './json-logger';

type Level = ConstructorParameters<typeof JsonLogger>[1];

function capture(level: Level = 'info') {
  const lines: string[] = [];
  const logger = new JsonLogger('feed', level, (line) => lines.push(line));
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

const STACK = 'Error: boom\n    at handle (/app/dist/feed.service.js:10:5)\n    at run (/app/dist/x.js:1:1)';

describe('JsonLogger', () => {
  it('writes one JSON object per call, each on its own line', () => {
    const { logger, lines, entries } = capture();
    logger.log('first');
    logger.warn('second\nwith a newline inside');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
    }
    expect(entries().map((entry) => entry.msg)).toEqual(['first', 'second\nwith a newline inside']);
  });

  it('says when, how severe, and which service', () => {
    const { logger, entries } = capture();
    const before = Date.now();
    logger.log('hello');
    const [entry] = entries();
    expect(entry).toMatchObject({ level: 'info', service: 'feed', msg: 'hello' });
    expect(typeof entry.time).toBe('string');
    expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
    expect(Date.parse(entry.time as string)).toBeGreaterThanOrEqual(before);
  });

  it('names the level of each method', () => {
    const { logger, entries } = capture('debug');
    logger.fatal('f');
    logger.error('e');
    logger.warn('w');
    logger.log('l');
    logger.debug('d');
    logger.verbose('v');
    expect(entries().map((entry) => [entry.msg, entry.level])).toEqual([
      ['f', 'fatal'],
      ['e', 'error'],
      ['w', 'warn'],
      ['l', 'info'],
      ['d', 'debug'],
      ['v', 'debug'],
    ]);
  });

  it.each([
    ['error', ['fatal', 'error']],
    ['warn', ['fatal', 'error', 'warn']],
    ['info', ['fatal', 'error', 'warn', 'log']],
    ['debug', ['fatal', 'error', 'warn', 'log', 'debug', 'verbose']],
  ] as const)('at level %s writes only %j', (level, written) => {
    const { logger, entries } = capture(level);
    logger.fatal('fatal');
    logger.error('error');
    logger.warn('warn');
    logger.log('log');
    logger.debug('debug');
    logger.verbose('verbose');
    expect(entries().map((entry) => entry.msg)).toEqual(written);
  });

  it('changes level with setLevel', () => {
    const { logger, entries } = capture('info');
    logger.debug('hidden');
    logger.setLevel('debug');
    logger.debug('shown');
    logger.setLevel('error');
    logger.warn('hidden again');
    expect(entries().map((entry) => entry.msg)).toEqual(['shown']);
  });

  it('takes a trailing string as the context, as Nest passes it', () => {
    const { logger, entries } = capture();
    logger.log('started', 'FeedService');
    logger.log('no context');
    const [withContext, without] = entries();
    expect(withContext).toMatchObject({ msg: 'started', context: 'FeedService' });
    expect(without).not.toHaveProperty('context');
  });

  it('merges object parameters and object messages into the entry', () => {
    const { logger, entries } = capture();
    logger.log('stored', { articleId: 'a-1', version: 3 }, 'ArticlesService');
    logger.warn({ msg: 'handler failed, will retry', topic: 'news.articles.v1', attempt: 2 }, 'KafkaConsumer');
    expect(entries()).toEqual([
      expect.objectContaining({ msg: 'stored', articleId: 'a-1', version: 3, context: 'ArticlesService' }),
      expect.objectContaining({ msg: 'handler failed, will retry', topic: 'news.articles.v1', attempt: 2, context: 'KafkaConsumer' }),
    ]);
  });

  it('writes non-string messages as text', () => {
    const { logger, entries } = capture();
    logger.log(42);
    logger.log(null);
    expect(entries().map((entry) => entry.msg)).toEqual(['42', 'null']);
  });

  it('serialises an error given as the message, with its name, message and stack', () => {
    const { logger, entries } = capture();
    const error = new TypeError('bad input');
    logger.error(error);
    const [entry] = entries();
    expect(entry.msg).toBe('bad input');
    expect(entry.err).toEqual({ name: 'TypeError', message: 'bad input', stack: error.stack });
    expect((entry.err as { stack: string }).stack).toContain('json-logger.spec.ts');
  });

  it('serialises an error given as a parameter', () => {
    const { logger, entries } = capture();
    const error = new RangeError('too far');
    logger.error('could not store', error, 'ArticleRepository');
    expect(entries()[0]).toMatchObject({
      msg: 'could not store',
      context: 'ArticleRepository',
      err: { name: 'RangeError', message: 'too far', stack: error.stack },
    });
  });

  it('keeps the stack Nest passes before the context', () => {
    const { logger, entries } = capture();
    logger.error('request failed', STACK, 'ExceptionsHandler');
    expect(entries()[0]).toMatchObject({ msg: 'request failed', stack: STACK, context: 'ExceptionsHandler' });
  });

  it('does not take a stack for the context when no context follows it', () => {
    const { logger, entries } = capture();
    logger.error('request failed', STACK);
    const [entry] = entries();
    expect(entry.stack).toBe(STACK);
    expect(entry).not.toHaveProperty('context');
  });

  it('adds the correlation and trace ids of the work in progress', () => {
    const { logger, entries } = capture();
    const context = contextFrom({ correlationId: 'req-42', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    runInContext(context, () => logger.log('inside'));
    logger.log('outside');
    const [inside, outside] = entries();
    expect(inside).toMatchObject({ msg: 'inside', correlationId: 'req-42', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(outside).not.toHaveProperty('correlationId');
    expect(outside).not.toHaveProperty('traceId');
  });

  it('keeps the ids after an await inside the work', async () => {
    const { logger, entries } = capture();
    await runInContext(contextFrom({ correlationId: 'req-43' }), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.warn('later');
    });
    expect(entries()[0]).toMatchObject({ msg: 'later', correlationId: 'req-43' });
  });
});
