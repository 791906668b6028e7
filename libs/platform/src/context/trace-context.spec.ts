import { childTrace, formatTraceparent, parseTraceparent } from './trace-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const VALID = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe('parseTraceparent', () => {
  it('reads the trace id, parent span id and flags', () => {
    expect(parseTraceparent(VALID)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, flags: '01' });
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-00`)?.flags).toBe('00');
  });

  it('ignores surrounding whitespace', () => {
    expect(parseTraceparent(`  ${VALID}\t`)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, flags: '01' });
  });

  it.each([
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
  ])('rejects %s', (_label, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it.each([
    undefined,
    '',
    'garbage',
    `01-${TRACE_ID}-${SPAN_ID}-01`,
    `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`,
    `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`,
    `00-${TRACE_ID}-${SPAN_ID}0-01`,
    `00-${TRACE_ID}-${SPAN_ID}-1`,
    `00-${TRACE_ID}-${SPAN_ID}-01-extra`,
    `00_${TRACE_ID}_${SPAN_ID}_01`,
    `00-${TRACE_ID.slice(0, 31)}g-${SPAN_ID}-01`,
  ])('rejects the malformed header %j', (value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });
});

describe('formatTraceparent', () => {
  it('writes what parseTraceparent reads', () => {
    expect(formatTraceparent({ traceId: TRACE_ID, spanId: SPAN_ID, flags: '01' })).toBe(VALID);
    const parsed = parseTraceparent(VALID);
    expect(parsed && formatTraceparent(parsed)).toBe(VALID);
  });
});

describe('childTrace', () => {
  it('stays in the parent trace with a new span of its own', () => {
    const parent = { traceId: TRACE_ID, spanId: SPAN_ID, flags: '00' };
    const child = childTrace(parent);
    expect(child.traceId).toBe(TRACE_ID);
    expect(child.flags).toBe('00');
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe(SPAN_ID);
    expect(childTrace(parent).spanId).not.toBe(child.spanId);
  });

  it('starts a new, sampled trace without a parent, which a receiver can parse back', () => {
    const first = childTrace(undefined);
    const second = childTrace(undefined);
    expect(first.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(first.traceId).not.toBe(second.traceId);
    expect(first.flags).toBe('01');
    expect(parseTraceparent(formatTraceparent(first))).toEqual(first);
  });
});
