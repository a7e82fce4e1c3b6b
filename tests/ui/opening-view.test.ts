import { describe, expect, it } from 'vitest';
import {
  MAX_FIT_ZOOM,
  NEW_GRAPH_VIEW,
  openingView,
  READABLE_ZOOM,
  VIEW_MARGIN,
} from '../../src/ui/canvas/opening-view';

const node = (x: number, y: number, width = 200, height = 100) => ({ x, y, width, height });
const canvas = { width: 1000, height: 600 };

describe('openingView', () => {
  it('shows an empty graph at zoom 1 from the origin, as New does', () => {
    expect(openingView([], [], canvas)).toEqual(NEW_GRAPH_VIEW);
    expect(NEW_GRAPH_VIEW).toEqual({ x: 0, y: 0, zoom: 1 });
  });

  it('centres a graph that fits at a readable zoom, as large as the room allows', () => {
    // 800×200 of graph in 920×520 of room: the width limits, 920 / 800 = 1.15.
    const view = openingView([node(0, 0), node(600, 100)], [node(0, 0)], canvas);
    expect(view.zoom).toBeCloseTo(1.15, 10);
    // The graph's centre (400, 100) lands on the canvas' centre (500, 300).
    expect(view.x + 400 * view.zoom).toBeCloseTo(500, 10);
    expect(view.y + 100 * view.zoom).toBeCloseTo(300, 10);
  });

  it('does not blow a small graph up past the largest zoom', () => {
    expect(openingView([node(0, 0)], [node(0, 0)], canvas).zoom).toBe(MAX_FIT_ZOOM);
  });

  it('opens a graph too large to read whole at the readable zoom, its leftmost input at the margin and its inputs centred vertically', () => {
    // 3,000 px wide: fitting would take zoom 920 / 3000 ≈ 0.31.
    const nodes = [node(0, 200), node(0, 400), node(1400, 0), node(2800, 300)];
    const inputs = [node(0, 200), node(0, 400)];
    const view = openingView(nodes, inputs, canvas);
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x).toBe(VIEW_MARGIN);
    // The inputs span y 200..500: their middle, 350, on the canvas' middle.
    expect(view.y + 350 * READABLE_ZOOM).toBeCloseTo(300, 10);
  });

  it('puts the top input at the top margin when the inputs are taller than the canvas', () => {
    const inputs = [node(100, -50), node(100, 1200)];
    const view = openingView([...inputs, node(4000, 0)], inputs, canvas);
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x + 100 * READABLE_ZOOM).toBe(VIEW_MARGIN);
    expect(view.y - 50 * READABLE_ZOOM).toBeCloseTo(VIEW_MARGIN, 10);
  });

  it('starts from all nodes when none is an input (a cycle)', () => {
    const nodes = [node(500, 0), node(3000, 0)];
    const view = openingView(nodes, [], canvas);
    expect(view.x + 500 * READABLE_ZOOM).toBe(VIEW_MARGIN);
  });

  it('keeps node titles (16.8 px lines at zoom 1) at least 11 px high wherever it does not fit the whole graph', () => {
    expect(16.8 * READABLE_ZOOM).toBeGreaterThanOrEqual(11);
  });
});
