/** A small seeded generator (mulberry32): the same --seed gives the same workload and the same schedule. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

const WORDS = (
  'harbour bridge council minister election budget river storm farmers market school hospital court police ' +
  'railway airport strike union wages rainfall drought harvest festival museum library theatre orchestra ' +
  'football cricket marathon cyclist mountain glacier forest wildfire flood coastline fishermen shipyard ' +
  'factory mine energy solar turbine pipeline refinery bank inflation interest mortgage tenants landlord ' +
  'housing rent village city province border treaty summit embassy refugees volunteers charity donation ' +
  'vaccine clinic nurses doctors patients research university students teachers exam curriculum science ' +
  'telescope satellite rocket launch ocean reef whales birds migration zoo park garden bakery restaurant ' +
  'chef recipe tourism hotel ferry tunnel highway traffic parking cyclists pedestrians mayor governor senate ' +
  'parliament ballot referendum protest verdict appeal prison lawyer judge jury witness evidence archive ' +
  'painting sculpture novel poet film director actor premiere album concert drummer choir startup software ' +
  'network outage privacy robot laboratory chemist physicist vaccine pension retirees veterans monument'
).split(' ');

/** Prose unlike any other article's, so near-duplicate detection never folds two test articles into one. */
export function randomProse(random: SeededRandom, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random.pick(WORDS));
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return `${out.join(' ')}.`;
}
