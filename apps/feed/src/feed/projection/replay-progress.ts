/** Offsets of one partition: `low` is the first message still kept, `high` the next to be written. */
export interface PartitionRange {
  partition: number;
  low: string;
  high: string;
}

/** Per topic, per partition: where the replay must get to (`high` captured before it starts). */
export type ReplayTargets = Record<string, PartitionRange[]>;

/**
 * Tracks how far a replay got: the next offset to apply per topic and partition. A partition is done
 * when that reaches the end captured at the start; an empty partition is done from the outset.
 */
export class ReplayProgress {
  private readonly next = new Map<string, bigint>();

  constructor(readonly targets: ReplayTargets) {}

  /** Records that the message at `offset` was applied (or skipped as malformed). */
  advance(topic: string, partition: number, offset: string): void {
    const key = `${topic}/${partition}`;
    const after = BigInt(offset) + 1n;
    if ((this.next.get(key) ?? -1n) < after) this.next.set(key, after);
  }

  /** Whether `offset` lies beyond what this replay has to cover: the live consumers apply it to both generations. */
  isBeyondTarget(topic: string, partition: number, offset: string): boolean {
    const range = this.targets[topic]?.find((candidate) => candidate.partition === partition);
    return range === undefined || BigInt(offset) >= BigInt(range.high);
  }

  /** Messages still to apply on `topic` (all partitions). */
  remaining(topic: string): bigint {
    return (this.targets[topic] ?? []).reduce((sum, range) => {
      const from = this.positionOf(topic, range);
      const high = BigInt(range.high);
      return sum + (high > from ? high - from : 0n);
    }, 0n);
  }

  /** Messages to cover on `topic` in all: from the first kept message to the captured end. */
  total(topic: string): bigint {
    return (this.targets[topic] ?? []).reduce((sum, range) => sum + (BigInt(range.high) - BigInt(range.low)), 0n);
  }

  get done(): boolean {
    return Object.keys(this.targets).every((topic) => this.remaining(topic) === 0n);
  }

  /** One line per topic: `news.articles.v1 40/52 (p0 12/12, p1 28/40)`. */
  describe(): string[] {
    return Object.entries(this.targets).map(([topic, ranges]) => {
      const covered = this.total(topic) - this.remaining(topic);
      const partitions = ranges
        .filter((range) => range.high !== range.low)
        .map((range) => `p${range.partition} ${this.positionOf(topic, range)}/${range.high}`)
        .join(', ');
      return `${topic} ${covered}/${this.total(topic)}${partitions ? ` (${partitions})` : ''}`;
    });
  }

  private positionOf(topic: string, range: PartitionRange): bigint {
    const low = BigInt(range.low);
    const next = this.next.get(`${topic}/${range.partition}`) ?? low;
    return next > low ? next : low;
  }
}
