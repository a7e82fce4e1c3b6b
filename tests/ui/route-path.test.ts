import { describe, expect, it } from 'vitest';
import { routeMidpoint, routePath } from '../../src/ui/canvas/route-path';

describe('routePath', () => {
  it('draws a route as cubic segments from handle to handle', () => {
    const controls = [
      { x: 20, y: 0 },
      { x: 30, y: 50 },
      { x: 50, y: 50 },
      { x: 70, y: 50 },
      { x: 80, y: 100 },
    ];
    expect(routePath({ x: 0, y: 0 }, controls, { x: 100, y: 100 })).toBe(
      'M 0 0 C 20 0 30 50 50 50 C 70 50 80 100 100 100',
    );
  });

  it('joins points that are not a spline with straight lines', () => {
    expect(routePath({ x: 0, y: 0 }, [{ x: 10, y: 5 }], { x: 20, y: 5 })).toBe('M 0 0 L 10 5 L 20 5');
  });
});

describe('routeMidpoint', () => {
  const start = { x: 0, y: 0 };

  it('is the joint between the two middle segments of a spline', () => {
    const controls = [
      { x: 20, y: 0 },
      { x: 30, y: 50 },
      { x: 50, y: 50 },
      { x: 70, y: 50 },
      { x: 80, y: 100 },
    ];
    expect(routeMidpoint(start, controls, { x: 100, y: 100 })).toEqual({ x: 50, y: 50 });
  });

  it('is halfway along the middle segment of a spline with an odd number of them', () => {
    // B(0.5) = (P0 + 3 P1 + 3 P2 + P3) / 8 = ((0 + 90 + 180 + 90) / 8, (0 + 0 + 0 + 60) / 8).
    expect(
      routeMidpoint(
        start,
        [
          { x: 30, y: 0 },
          { x: 60, y: 0 },
        ],
        { x: 90, y: 60 },
      ),
    ).toEqual({ x: 45, y: 7.5 });
    // Three segments: the middle one runs from (100, 0) through (100, 40), (200, 40) to (200, 0).
    const three = [
      { x: 50, y: 0 },
      { x: 50, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 40 },
      { x: 200, y: 40 },
      { x: 200, y: 0 },
      { x: 250, y: 0 },
      { x: 250, y: 0 },
    ];
    expect(routeMidpoint(start, three, { x: 300, y: 0 })).toEqual({ x: 150, y: 30 });
  });

  it('is the middle of a straight line, or its middle joint', () => {
    expect(routeMidpoint(start, [], { x: 100, y: 40 })).toEqual({ x: 50, y: 20 });
    expect(routeMidpoint(start, [{ x: 10, y: 5 }], { x: 20, y: 5 })).toEqual({ x: 10, y: 5 });
  });
});
