import type { RateLine } from '../../domain/logistics/rate-bands';
import { refuseRateLines } from '../../domain/logistics/rate-bands';

const band = (key: string, from: number, to: number, extra: Partial<RateLine> = {}): RateLine => ({
  key,
  service: 'SVC',
  zone: 'FR',
  countries: ['FR'],
  fromG: from,
  toG: to,
  firstG: 100,
  firstPrice: '30',
  stepG: 100,
  stepPrice: '5',
  currency: 'CNY',
  ...extra,
});
const services = new Set(['SVC', 'OTHER']);
const refused = (untouched: RateLine[], pushed: RateLine[], replaced: RateLine[] = [], lang: 'en' | 'zh' = 'en') =>
  Object.fromEntries(
    [...refuseRateLines(untouched, new Map(replaced.map((r) => [r.key, r])), pushed, services, lang)].map(([k, e]) => [
      k,
      `${e.field}: ${e.message}`,
    ]),
  );

describe('a rate card holds together (bands of a service and zone follow each other)', () => {
  test('bands that meet are applied', () => {
    expect(refused([band('a', 0, 500)], [band('b', 500, 1000), band('c', 1000, 2000)])).toEqual({});
  });

  test('an overlap is refused on the later row, naming the band it overlaps', () => {
    expect(refused([band('a', 0, 500)], [band('b', 400, 1000)])).toEqual({
      b: 'from_g: From (g): 400-1000 g overlaps the band 0-500 g of SVC to FR',
    });
    expect(refused([band('a', 0, 500)], [band('b', 400, 1000)], [], 'zh')).toEqual({
      b: 'from_g: 起始重量(克)：400-1000 克与 SVC 到 FR 的 0-500 克重叠',
    });
  });

  test('a gap is refused, naming the weights nothing prices', () => {
    expect(refused([band('a', 0, 500)], [band('b', 700, 1000)])).toEqual({
      b: 'from_g: From (g): nothing covers 500-700 g of SVC to FR (each band starts where the last one ends)',
    });
  });

  test('shrinking a stored band that would open a gap is refused, and the stored band stays', () => {
    const stored = [band('a', 0, 500), band('b', 500, 1000), band('c', 1000, 2000)];
    const shrunk = band('b', 500, 800);
    expect(refused([stored[0]!, stored[2]!], [shrunk], [stored[1]!])).toEqual({
      b: 'from_g: From (g): nothing covers 800-1000 g of SVC to FR (each band starts where the last one ends)',
    });
  });

  test('a pushed card with a hole refuses the bands past it, and accepts the rest', () => {
    expect(Object.keys(refused([], [band('a', 0, 500), band('c', 1000, 2000), band('d', 2000, 3000)]))).toEqual([
      'c',
      'd',
    ]);
  });

  test('zones of one service cannot price a country twice; other services and zones are independent', () => {
    const eu = band('eu', 0, 500, { zone: 'EU1', countries: ['FR', 'DE'] });
    expect(refused([band('fr', 0, 500)], [eu])).toEqual({
      eu: 'countries: Zone countries: FR is already priced in zone FR of SVC',
    });
    expect(
      refused(
        [band('fr', 0, 500)],
        [{ ...eu, service: 'OTHER' }, band('de', 0, 500, { zone: 'DE', countries: ['DE'] })],
      ),
    ).toEqual({});
  });

  test('a rate for a service not in Carriers is refused', () => {
    expect(refused([], [band('x', 0, 500, { service: 'NOPE' })])).toEqual({
      x: 'service: Service: there is no carrier service "NOPE" in Carriers',
    });
  });
});
