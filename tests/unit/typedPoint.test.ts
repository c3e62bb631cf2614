import { describe, expect, it } from 'vitest';
import { parseTypedPoint } from '../../client/src/services/typedPoint';

describe('parseTypedPoint (建议新增驿站: coordinates typed in a browser)', () => {
  it.each([
    ['120.5512,31.8765', { lng: 120.5512, lat: 31.8765 }],
    ['31.8765, 120.5512', { lng: 120.5512, lat: 31.8765 }],
    ['  120.5512，31.8765 ', { lng: 120.5512, lat: 31.8765 }],
    ['120.5512 31.8765', { lng: 120.5512, lat: 31.8765 }],
  ])('reads %s as longitude and latitude, in either order', (text, point) => {
    expect(parseTypedPoint(text)).toStrictEqual(point);
  });

  it.each([[''], ['120.5512'], ['120.5512,31.8765,12'], ['东经120,北纬31'], ['120.5512,']])(
    'answers null for %j, which is not two numbers',
    (text) => {
      expect(parseTypedPoint(text)).toBeNull();
    },
  );
});
