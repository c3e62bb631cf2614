import { distanceMeters, EARTH_RADIUS_M, gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Published WGS-84 → GCJ-02 pairs as [wgsLng, wgsLat, gcjLng, gcjLat]. */
const published: Array<[string, number, number, number, number]> = [
  // coordtransform (wandergis) README example.
  ['北京 (coordtransform README)', 116.404, 39.915, 116.41024449916938, 39.91640428150164],
  // eviltransform (googollee) javascript/test.js.
  ['上海 (eviltransform)', 121.5272106, 31.1774276, 121.531541859215, 31.17530398364597],
  ['深圳 (eviltransform)', 113.912316, 22.543847, 113.9171764808363, 22.540796131694766],
  ['北京 (eviltransform)', 116.377817, 39.911954, 116.38404722455657, 39.91334545536069],
];

const inChina = fc.record({
  lng: fc.double({ min: 73, max: 135, noNaN: true }),
  lat: fc.double({ min: 18, max: 53, noNaN: true }),
});

describe('Domain: wgs84ToGcj02', () => {
  it.each(published)('matches the published pair for %s', (_name, wLng, wLat, gLng, gLat) => {
    const gcj = wgs84ToGcj02(wLng, wLat);

    expect(gcj[0]).toBeCloseTo(gLng, 10);
    expect(gcj[1]).toBeCloseTo(gLat, 10);
  });

  it('reads as a [lng, lat] pair and as .lng/.lat', () => {
    const gcj = wgs84ToGcj02(116.404, 39.915);

    expect(gcj).toStrictEqual([116.41024449916938, 39.91640428150164]);
    expect({ lng: gcj.lng, lat: gcj.lat }).toStrictEqual({ lng: gcj[0], lat: gcj[1] });
    expect(JSON.stringify(gcj)).toBe('[116.41024449916938,39.91640428150164]');
    const [lng, lat] = gcj;
    expect([lng, lat]).toStrictEqual([...gcj]);
  });

  it.each([
    ['London', -0.1276, 51.5072],
    ['New York', -74.006, 40.7128],
    ['Sydney', 151.2093, -33.8688],
    ['Tokyo (China’s latitudes, east of the box)', 139.6917, 35.6895],
  ])('leaves %s unchanged, both ways', (_name, lng, lat) => {
    expect(outOfChina(lng, lat)).toBe(true);
    expect(wgs84ToGcj02(lng, lat)).toStrictEqual([lng, lat]);
    expect(gcj02ToWgs84(lng, lat)).toStrictEqual([lng, lat]);
  });

  it('uses the standard box', () => {
    expect([outOfChina(72.004, 0.8293), outOfChina(137.8347, 55.8271)]).toStrictEqual([false, false]);
    expect([
      outOfChina(72.0039, 30),
      outOfChina(137.8348, 30),
      outOfChina(100, 0.8292),
      outOfChina(100, 55.8272),
    ]).toStrictEqual([true, true, true, true]);
  });
});

describe('Domain: gcj02ToWgs84', () => {
  it.each(published)(
    'recovers the WGS-84 point of the published pair for %s',
    (_name, wLng, wLat, gLng, gLat) => {
      const wgs = gcj02ToWgs84(gLng, gLat);

      expect(Math.abs(wgs[0] - wLng)).toBeLessThan(1e-9);
      expect(Math.abs(wgs[1] - wLat)).toBeLessThan(1e-9);
    },
  );

  it('inverts the forward transform far better than 1e-6° anywhere in China', () => {
    // The crude one-step inverse (gcj − offset(gcj)) is off by up to ~5e-5°; this must not be.
    fc.assert(
      fc.property(inChina, ({ lng, lat }) => {
        const gcj = wgs84ToGcj02(lng, lat);
        const back = gcj02ToWgs84(gcj.lng, gcj.lat);
        expect(Math.abs(back.lng - lng)).toBeLessThan(1e-8);
        expect(Math.abs(back.lat - lat)).toBeLessThan(1e-8);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Domain: distanceMeters', () => {
  it('measures a degree of latitude as R·π/180', () => {
    expect(distanceMeters({ lng: 120, lat: 30 }, { lng: 120, lat: 31 })).toBeCloseTo(
      (EARTH_RADIUS_M * Math.PI) / 180,
      6,
    );
    expect(distanceMeters({ lng: 0, lat: 0 }, { lng: 0, lat: 1 })).toBeCloseTo(111_194.93, 1);
  });

  it('measures a degree of longitude shrinking with latitude', () => {
    expect(distanceMeters({ lng: 0, lat: 0 }, { lng: 1, lat: 0 })).toBeCloseTo(111_194.93, 1);
    // The great circle is a little shorter than the 55 597.5 m along the parallel.
    expect(distanceMeters({ lng: 0, lat: 60 }, { lng: 1, lat: 60 })).toBeCloseTo(55_596.93, 1);
  });

  it('puts 苏州站 and 张家港站 about 60 km apart', () => {
    // Approximate station positions (to ~0.01°), so only a band is asserted.
    const suzhou = { lng: 120.61, lat: 31.33 };
    const zhangjiagang = { lng: 120.55, lat: 31.87 };
    expect(distanceMeters(suzhou, zhangjiagang)).toBeGreaterThan(55_000);
    expect(distanceMeters(suzhou, zhangjiagang)).toBeLessThan(65_000);
  });

  it('puts antipodes half a circumference apart and a point at zero from itself', () => {
    expect(distanceMeters({ lng: 10, lat: 20 }, { lng: -170, lat: -20 })).toBeCloseTo(
      Math.PI * EARTH_RADIUS_M,
      3,
    );
    expect(distanceMeters({ lng: 120.5, lat: 31.3 }, { lng: 120.5, lat: 31.3 })).toBe(0);
  });

  it('is symmetric and agrees with the spherical law of cosines', () => {
    const point = fc.record({
      lng: fc.double({ min: -180, max: 180, noNaN: true }),
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
    });
    const rad = Math.PI / 180;
    fc.assert(
      fc.property(point, point, (a, b) => {
        const d = distanceMeters(a, b);
        expect(distanceMeters(b, a)).toBeCloseTo(d, 6);
        const cos =
          Math.sin(a.lat * rad) * Math.sin(b.lat * rad) +
          Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lng - a.lng) * rad);
        const byCosines = Math.acos(Math.max(-1, Math.min(1, cos))) * EARTH_RADIUS_M;
        // The law of cosines loses precision for short distances; a metre is plenty here.
        expect(Math.abs(d - byCosines)).toBeLessThan(1);
      }),
    );
  });
});
