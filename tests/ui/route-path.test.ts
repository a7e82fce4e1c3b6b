import { describe, expect, it } from 'vitest';
import { routePath } from '../../src/ui/canvas/route-path';

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
