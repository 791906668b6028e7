import { readPlan } from './growth';

describe('growth benchmark: reading explain output', () => {
  it('reads MongoDB winning plans: an index scan, a full scan, an aggregate over an index', () => {
    const ixscan = {
      queryPlanner: {
        winningPlan: {
          stage: 'LIMIT',
          inputStage: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'withdrawn_1_publishedAt_-1__id_-1' } },
        },
        rejectedPlans: [{ stage: 'COLLSCAN' }],
      },
    };
    expect(readPlan(ixscan)).toEqual({ indexed: true, plan: 'LIMIT FETCH IXSCAN (withdrawn_1_publishedAt_-1__id_-1)' });
    expect(readPlan({ queryPlanner: { winningPlan: { stage: 'SORT', inputStage: { stage: 'COLLSCAN' } } } })).toEqual({
      indexed: false,
      plan: 'SORT COLLSCAN',
    });
    const aggregate = {
      stages: [
        {
          $cursor: { queryPlanner: { winningPlan: { stage: 'PROJECTION_SIMPLE', inputStage: { stage: 'IXSCAN', indexName: 'term_1' } } } },
        },
        { $group: {} },
      ],
    };
    expect(readPlan(aggregate).indexed).toBe(true);
    expect(readPlan({ queryPlanner: { winningPlan: { stage: 'COUNT', inputStage: { stage: 'COUNT_SCAN' } } } }).indexed).toBe(true);
    // An $or with one branch unindexed is a full scan, whatever the other branch does.
    expect(
      readPlan({ queryPlanner: { winningPlan: { stage: 'OR', inputStages: [{ stage: 'IXSCAN' }, { stage: 'COLLSCAN' }] } } }).indexed,
    ).toBe(false);
  });

  it('reads FerretDB-on-SQLite plans: the SQLite query plan and the pushdown flags', () => {
    const scan = {
      queryPlanner: { Plan: ['id=2 parent=0 notused=0 detail=SCAN feed_items_b65a24ba'] },
      filterPushdown: false,
      sortPushdown: false,
      limitPushdown: false,
    };
    expect(readPlan(scan)).toEqual({
      indexed: false,
      plan: 'sqlite: SCAN feed_items_b65a24ba | pushdown filter=false sort=false limit=false',
    });
    const search = {
      queryPlanner: { Plan: ['id=3 parent=0 notused=0 detail=SEARCH t USING INDEX t_term (term=?)'] },
      filterPushdown: true,
    };
    expect(readPlan(search).indexed).toBe(true);
    expect(readPlan({ queryPlanner: { Plan: [] } }).indexed).toBeNull();
  });

  it("reads FerretDB's PostgreSQL plan: an index scan under a bitmap heap scan, or a sequential scan", () => {
    const bitmap = {
      queryPlanner: {
        Plan: {
          'Node Type': 'Bitmap Heap Scan',
          'Relation Name': 'feed_items_1',
          Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'abc_gin' }],
        },
      },
    };
    expect(readPlan(bitmap)).toEqual({ indexed: true, plan: 'postgresql: Bitmap Heap Scan > Bitmap Index Scan (abc_gin)' });
    expect(readPlan({ queryPlanner: { Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'feed_items_1' } } })).toEqual({
      indexed: false,
      plan: 'postgresql: Seq Scan',
    });
  });
});
