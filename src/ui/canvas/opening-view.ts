/** A rectangle in flow coordinates (a node) or on screen (the canvas). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/**
 * The lowest zoom at which a node's title (12px text on a 16.8px line) stays at least 11px high on
 * screen, with a little to spare: below it a whole graph in view is a picture of unreadable boxes.
 */
export const READABLE_ZOOM = 0.8;
/** No closer than this when a small graph fits: nodes as large as the palette's text, not larger. */
export const MAX_FIT_ZOOM = 1.2;
/** Space kept free around what is shown, in screen pixels. */
export const VIEW_MARGIN = 40;

export const NEW_GRAPH_VIEW: Viewport = { x: 0, y: 0, zoom: 1 };

function bounds(rects: readonly Rect[]): Rect {
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Where to look at a graph just opened on a canvas of `size`: the whole graph, centred, when it
 * fits at a readable zoom; otherwise readable, starting at its inputs (`inputs`, the nodes nothing
 * feeds; all nodes if there are none): the leftmost input at the left margin, the inputs centred
 * vertically, or from the top margin if they are taller than the canvas.
 */
export function openingView(
  nodes: readonly Rect[],
  inputs: readonly Rect[],
  size: { readonly width: number; readonly height: number },
): Viewport {
  if (!nodes.length || size.width <= 2 * VIEW_MARGIN || size.height <= 2 * VIEW_MARGIN) return NEW_GRAPH_VIEW;
  const all = bounds(nodes);
  const room = { width: size.width - 2 * VIEW_MARGIN, height: size.height - 2 * VIEW_MARGIN };
  const fit = Math.min(room.width / all.width, room.height / all.height, MAX_FIT_ZOOM);
  if (fit >= READABLE_ZOOM)
    return {
      x: size.width / 2 - (all.x + all.width / 2) * fit,
      y: size.height / 2 - (all.y + all.height / 2) * fit,
      zoom: fit,
    };
  const zoom = READABLE_ZOOM;
  const focus = bounds(inputs.length ? inputs : nodes);
  const y =
    focus.height * zoom > room.height
      ? VIEW_MARGIN - focus.y * zoom
      : size.height / 2 - (focus.y + focus.height / 2) * zoom;
  return { x: VIEW_MARGIN - focus.x * zoom, y, zoom };
}
