import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import type { Graph, TensorLiteral } from '../../src/graph/types';
import { base64ToBytes, bytesToBase64 } from '../../src/io/base64';
import { parseGraphFile, serializeGraph, toGraphFile } from '../../src/io/graph-file';

/** Node's own base64, as the independent reference. */
const nodeBase64 = (bytes: ArrayBufferView) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function constGraph(value: TensorLiteral): Graph {
  return { nodes: [{ id: 'w', op: 'Const', attrs: { value } }], edges: [] };
}

function readBack(graph: Graph): TensorLiteral {
  const result = parseGraphFile(serializeGraph(graph));
  if (!result.ok) throw new Error(result.error.message);
  return result.graph.nodes[0]!.attrs.value as TensorLiteral;
}

describe('base64', () => {
  it('agrees with Node for every padding and every byte value', () => {
    const bytes = Uint8Array.from({ length: 259 }, (_, i) => (i * 97 + 13) % 256);
    for (let n = 0; n <= 9; n++) expect(bytesToBase64(bytes.subarray(0, n))).toBe(nodeBase64(bytes.subarray(0, n)));
    expect(bytesToBase64(bytes)).toBe(nodeBase64(bytes));
    expect(base64ToBytes(nodeBase64(bytes))).toEqual(bytes);
    for (let n = 0; n <= 9; n++) expect(base64ToBytes(nodeBase64(bytes.subarray(0, n)))).toEqual(bytes.subarray(0, n));
  });

  it('refuses text that is not padded base64', () => {
    expect(base64ToBytes('QUJD=')).toBeNull();
    expect(base64ToBytes('QU-D')).toBeNull();
    expect(base64ToBytes('QUJ\u00e9')).toBeNull();
  });
});

describe('large tensors in graph files', () => {
  const weights = Float32Array.from({ length: 300 }, (_, i) => Math.fround(Math.sin(i) * 1e3));
  weights.set([NaN, Infinity, -Infinity, -0, 1e-45], 0);

  it('are written as the base64 of their little-endian bytes', () => {
    const [node] = toGraphFile(constGraph({ dtype: 'float32', shape: [3, 100], values: weights })).nodes;
    const bytes = new Uint8Array(weights.length * 4);
    const view = new DataView(bytes.buffer);
    weights.forEach((v, i) => view.setFloat32(i * 4, v, true));
    expect(node!.attrs.value).toEqual({ dtype: 'float32', shape: [3, 100], base64: nodeBase64(bytes) });
  });

  it('read back as typed arrays holding the same values, NaN and -0 included', () => {
    const back = readBack(constGraph({ dtype: 'float32', shape: [3, 100], values: weights }));
    expect(back.values).toBeInstanceOf(Float32Array);
    expect(back.values).toEqual(weights);
    expect(Object.is(back.values[3], -0)).toBe(true);

    const ids = Int32Array.from({ length: 70 }, (_, i) => (i - 35) * 61_000_001);
    expect(readBack(constGraph({ dtype: 'int32', shape: [70], values: ids })).values).toEqual(ids);
    const mask = Array.from({ length: 65 }, (_, i) => i % 3 && 1);
    const backMask = readBack(constGraph({ dtype: 'bool', shape: [65], values: mask }));
    expect(backMask.values).toEqual(Uint8Array.from(mask));
  });

  it('stay JSON numbers when their dtype cannot hold them, for validation to report', () => {
    const tenths = Array.from({ length: 65 }, (_, i) => i / 10);
    const [node] = toGraphFile(constGraph({ dtype: 'float32', shape: [65], values: tenths })).nodes;
    expect(node!.attrs.value).toMatchObject({ values: tenths });
    const halves = Array.from({ length: 65 }, (_, i) => i / 2);
    expect(readBack(constGraph({ dtype: 'int32', shape: [65], values: halves })).values).toEqual(halves);
    const notBools = Array.from({ length: 65 }, (_, i) => i % 3);
    expect(readBack(constGraph({ dtype: 'bool', shape: [65], values: notBools })).values).toEqual(notBools);
  });

  it('up to 64 values stay readable numbers', () => {
    const [node] = toGraphFile(constGraph({ dtype: 'float32', shape: [64], values: weights.subarray(5, 69) })).nodes;
    expect(node!.attrs.value).toMatchObject({ values: Array.from(weights.subarray(5, 69)) });
  });
});
