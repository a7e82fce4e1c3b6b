import type { InputGen, OpCase } from '../op-case';

/** A file's bytes as FileBytes gives them: int32 0–255. */
const file = (values: readonly number[]): { contents: InputGen } => ({
  contents: { shape: [values.length], dtype: 'int32', values: [...values] },
});
const base64 = (text: string) => file([...Buffer.from(text, 'base64')]);

// An 8-bit RGB PNG of 2 × 1 pixels: red (255, 0, 0), then (0, 128, 255).
const PNG = base64('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVQImWP4z8DA0PAfAAgAAn8euvSPAAAAAElFTkSuQmCC');

// A gray JPEG (quality 100) of 16 × 16 pixels in four flat 8 × 8 blocks: 40, 80 above, 120, 160 below.
// A flat block is its DC coefficient alone, which every IDCT gives back exactly.
const QUADRANTS = base64(
  '/9j/4AAQSkZJRgABAQEBLAEsAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAQABABAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/AP5P6/UCv1Ar9QK//9k=',
);

// A color JPEG (quality 100, 4:2:0) of 16 × 16 red pixels. libjpeg's encoder stores them as Y 76,
// Cb 85, Cr 255 (its fixed-point RGB → YCbCr, rounded); its decoder gives back
// R = 76 + ⌊(91881 · 127 + 2¹⁵) / 2¹⁶⌋ = 76 + 178 = 254,
// G = 76 + ⌊(−22553 · (−43) − 46802 · 127 + 2¹⁵) / 2¹⁶⌋ = 76 − 76 = 0,
// B = 76 + ⌊(116130 · (−43) + 2¹⁵) / 2¹⁶⌋ = 76 − 76 = 0.
const RED = base64(
  '/9j/4AAQSkZJRgABAQEBLAEsAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/2wBDAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAARCAAQABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD8X6KKK/ynP+/g/9k=',
);

// A 24-bit BMP of 2 × 2 pixels: (10, 20, 30), (40, 50, 60) above (70, 80, 90), (100, 110, 120).
// Rows are stored bottom-up, each pixel as B, G, R, each row padded to 8 bytes.
const BMP = file([
  ...[0x42, 0x4d, 70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0], // "BM", file size, reserved, pixel data offset
  ...[40, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 24, 0], // header size, width 2, height 2, 1 plane, 24 bits
  ...[0, 0, 0, 0, 16, 0, 0, 0, 0x13, 0x0b, 0, 0, 0x13, 0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  ...[90, 80, 70, 120, 110, 100, 0, 0],
  ...[30, 20, 10, 60, 50, 40, 0, 0],
]);

const quadrants = (v: readonly number[]) =>
  Array.from({ length: 256 }, (_, p) => v[2 * Number(p >= 128) + Number(p % 16 >= 8)]!);

export const cases: OpCase[] = [
  { op: 'DecodePng', title: 'RGB as it is', inputs: PNG, expected: { image: [255, 0, 0, 0, 128, 255] } },
  {
    op: 'DecodePng',
    // libpng's weights in 15-bit fixed point, truncated: (9797 · 255) >> 15 = 76, (19234 · 128 + 3737 · 255) >> 15 = 104.
    title: "to gray by libpng's weights",
    inputs: PNG,
    attrs: { channels: 1 },
    expected: { image: [76, 104] },
  },
  {
    op: 'DecodePng',
    title: 'uint16 with alpha added: ×257',
    inputs: PNG,
    attrs: { channels: 4, dtype: 'uint16' },
    expected: { image: [65535, 0, 0, 65535, 0, 32896, 65535, 65535] },
  },
  {
    op: 'DecodeImage',
    // TensorFlow scales a PNG to float32 through 16 bits: 128 · 257 / 65535 = 0.50196.
    title: 'a PNG as float32',
    inputs: PNG,
    attrs: { dtype: 'float32' },
    expected: { image: [1, 0, 0, 0, 32896 / 65535, 1] },
    tolerance: 1e-7,
  },
  {
    op: 'DecodeImage',
    title: 'a BMP',
    inputs: BMP,
    expected: { image: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120] },
  },
  { op: 'DecodeJpeg', title: 'gray blocks', inputs: QUADRANTS, expected: { image: quadrants([40, 80, 120, 160]) } },
  {
    op: 'DecodeJpeg',
    title: 'gray blocks scaled down 8 times: a pixel a block',
    inputs: QUADRANTS,
    attrs: { ratio: 8 },
    expected: { image: [40, 80, 120, 160] },
  },
  {
    op: 'DecodeJpeg',
    title: "red through libjpeg's YCbCr",
    inputs: RED,
    expected: { image: Array.from({ length: 256 }, () => [254, 0, 0]).flat() },
  },
  {
    op: 'DecodeImage',
    title: 'a red JPEG to gray: its Y',
    inputs: RED,
    attrs: { channels: 1 },
    expected: { image: Array<number>(256).fill(76) },
  },
];
