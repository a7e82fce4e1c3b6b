/** Shared formatting and colour helpers for the tensor views. Pure: no DOM, no React. */

// U+2212 rather than a hyphen: it is as wide as "+" in monospace and screen readers say "minus".
const MINUS = '\u2212';
const counts = new Intl.NumberFormat('en-US');

/**
 * Six significant digits, trailing zeros dropped. Integers that fit in int32 are shown exactly,
 * since an int32 tensor would otherwise lose digits (1234567 would read 1.23457e6).
 */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '\u221e' : `${MINUS}\u221e`;
  // String(-0) is "0": a negative zero (TensorFlow's Neg(0), round(-0.4)) would read as positive.
  if (Object.is(v, -0)) return `${MINUS}0`;
  const text = Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? String(v) : trimPrecision(v.toPrecision(6));
  return text.replaceAll('-', MINUS);
}

function trimPrecision(text: string): string {
  const [mantissa = text, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent.replace('+', '')}`;
}

/** A count with thousands separators: 1200 → "1,200". */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** "4 × 5"; a rank-0 shape is "scalar". */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join(' \u00d7 ');
}

/** The row-major multi-index of a flat index. */
export function multiIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis]!;
    index[axis] = size > 0 ? rest % size : 0;
    rest = size > 0 ? Math.floor(rest / size) : 0;
  }
  return index;
}

export function formatIndex(index: readonly number[]): string {
  return `[${index.join(', ')}]`;
}

// viridis sampled at 9 evenly spaced points (matplotlib's table); linear interpolation between
// neighbours stays within a couple of levels of the full 256-entry table.
const VIRIDIS_STOPS: readonly (readonly [number, number, number])[] = [
  [0x44, 0x01, 0x54],
  [0x47, 0x2d, 0x7b],
  [0x3b, 0x52, 0x8b],
  [0x2c, 0x72, 0x8e],
  [0x21, 0x90, 0x8c],
  [0x27, 0xad, 0x81],
  [0x5d, 0xc8, 0x63],
  [0xaa, 0xdc, 0x32],
  [0xfd, 0xe7, 0x25],
];

/** The viridis colour at t ∈ [0, 1] (clamped), as rounded [r, g, b]. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS_STOPS[i]!;
  const b = VIRIDIS_STOPS[i + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as [number, number, number];
}

/** A CSS gradient through the viridis stops, for legends. */
export function viridisGradient(direction = 'to right'): string {
  const stops = VIRIDIS_STOPS.map(
    ([r, g, b], i) => `rgb(${r} ${g} ${b}) ${((i / (VIRIDIS_STOPS.length - 1)) * 100).toFixed(1)}%`,
  );
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}
