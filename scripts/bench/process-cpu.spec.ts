import { formatCpuPerArticle } from './process-cpu';

describe('formatCpuPerArticle', () => {
  it('divides each process group’s CPU time between the snapshots by the articles, and sums them', () => {
    const before = new Map([
      ['ingest', 10],
      ['feed', 4],
      ['postgres', 100],
    ]);
    const after = new Map([
      ['ingest', 12],
      ['feed', 5],
      ['postgres', 103],
    ]);
    expect(formatCpuPerArticle('cpu per article (ms)', before, after, 200)).toBe(
      'cpu per article (ms)          ingest 10.0  feed 5.0  postgres 15.0  total 30.0 ms',
    );
  });

  it('counts a process that appeared between the snapshots as nothing rather than its whole life', () => {
    expect(formatCpuPerArticle('cpu', new Map(), new Map([['kafka', 50]]), 10)).toBe(
      'cpu                           kafka 0.0  total 0.0 ms',
    );
  });

  it('says so when nothing could be read', () => {
    expect(formatCpuPerArticle('cpu', new Map(), new Map(), 10)).toBe('cpu                           not measured (no /proc)');
  });
});
