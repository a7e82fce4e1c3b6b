/** The grid of the canvas benchmark, shared by the page (main.tsx) and the driver (measure.ts). */

/** 20 columns, so that 200 nodes (10 rows) already fill the 1280×800 window, as 2,000 do. */
export const COLUMNS = 20;
export const SPACING = { x: 260, y: 140 } as const;
/** The viewport the page starts at (and returns to between pans). */
export const VIEWPORT = { x: 20, y: 20, zoom: 1 } as const;
export const WINDOW = { width: 1280, height: 800 } as const;

export const position = (i: number) => ({ x: (i % COLUMNS) * SPACING.x, y: Math.floor(i / COLUMNS) * SPACING.y });
