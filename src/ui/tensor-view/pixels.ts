/** RGBA pixels for the canvas pictures. Only rows that have values are produced; missing cells stay transparent. */
import { viridis } from './format';
import type { Grid, ImageLayout } from './pictures';
import type { Values } from './stats';

export interface Pixels {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  readonly width: number;
  /** Rows actually covered by the values, which may be fewer than the grid's height. */
  readonly rows: number;
}

const VIRIDIS_LUT = Uint8Array.from({ length: 256 * 3 }, (_, i) => viridis(Math.floor(i / 3) / 255)[i % 3]!);

/** Values mapped through viridis from min to max; non-finite cells are left transparent. */
export function heatmapPixels(values: Values, grid: Grid, min: number, max: number): Pixels {
  const n = Math.min(values.length, grid.height * grid.width);
  const rows = Math.ceil(n / grid.width);
  const data = new Uint8ClampedArray(rows * grid.width * 4);
  const span = max - min;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const t = span > 0 ? (v - min) / span : 0.5;
    const c = Math.round(Math.min(1, Math.max(0, t)) * 255) * 3;
    const o = i * 4;
    data[o] = VIRIDIS_LUT[c]!;
    data[o + 1] = VIRIDIS_LUT[c + 1]!;
    data[o + 2] = VIRIDIS_LUT[c + 2]!;
    data[o + 3] = 255;
  }
  return { data, width: grid.width, rows };
}

export type ImageDType = 'float32' | 'int32' | 'bool';

/** How values become 0..255: as they are, or stretched from a finite range that falls outside [0, 1]. */
export type ImageScale = { readonly kind: 'unit' | 'byte' } | { readonly kind: 'stretch'; min: number; max: number };

/** Floats in [0, 1] scale by 255; ints are bytes; bool is 0 or 255; floats outside [0, 1] are min-max stretched. */
export function imageScale(dtype: ImageDType, min: number | null, max: number | null): ImageScale {
  if (dtype === 'int32') return { kind: 'byte' };
  if (dtype === 'bool' || min === null || max === null || (min >= 0 && max <= 1)) return { kind: 'unit' };
  return { kind: 'stretch', min, max };
}

function toByte(v: number, scale: ImageScale): number {
  switch (scale.kind) {
    case 'byte':
      return v;
    case 'unit':
      return v * 255;
    case 'stretch':
      return scale.max > scale.min ? ((v - scale.min) / (scale.max - scale.min)) * 255 : 128;
  }
}

/** Grayscale, RGB or RGBA; Uint8ClampedArray does the clamping and rounding, and turns NaN into 0. */
export function imagePixels(values: Values, layout: ImageLayout, scale: ImageScale): Pixels {
  const { width, channels } = layout;
  const count = Math.min(Math.floor(values.length / channels), layout.height * width);
  const rows = Math.ceil(count / width);
  const data = new Uint8ClampedArray(rows * width * 4);
  for (let p = 0; p < count; p++) {
    const at = p * channels;
    const o = p * 4;
    if (channels === 1) {
      data[o] = data[o + 1] = data[o + 2] = toByte(values[at]!, scale);
      data[o + 3] = 255;
    } else {
      data[o] = toByte(values[at]!, scale);
      data[o + 1] = toByte(values[at + 1]!, scale);
      data[o + 2] = toByte(values[at + 2]!, scale);
      data[o + 3] = channels === 4 ? toByte(values[at + 3]!, scale) : 255;
    }
  }
  return { data, width, rows };
}
