import { describe, expect, it } from 'vitest';
import { importGraphFile, parseGraphFile, type GraphImport, type ImportError } from '../../src/io/graph-file';
import { readRepoFile } from './files';

function failed(result: GraphImport): ImportError {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

/** A valid v1 document to break: x → Sin, Const two, Mul. */
function validDoc() {
  return JSON.parse(readRepoFile('public/examples/sin-times-two.json'));
}

describe('text that is not JSON', () => {
  it('fails with the parser message and where it stopped', () => {
    const error = failed(parseGraphFile('{\n  "format": "tensorloom.graph",\n  "nodes": [1, 2,]\n}'));
    expect(error.kind).toBe('json');
    expect(error.message).toMatch(/^not valid JSON: [^\n]+ \(line 3, column 18\)$/);
    expect(error.issues).toEqual([{ path: '', message: error.message }]);
  });

  it('gives a position even where the parser message has none', () => {
    expect(failed(parseGraphFile('{"format": nope}')).message).toMatch(/\(line 1, column 12\)$/);
    expect(failed(parseGraphFile('')).message).toMatch(/^not valid JSON: .+\(line 1, column 1\)$/);
  });

  it('ignores a byte-order mark', () => {
    expect(parseGraphFile(`\uFEFF${readRepoFile('public/examples/log.json')}`).ok).toBe(true);
  });
});

describe('data that is not a Tensorloom graph', () => {
  it('names a wrong format', () => {
    const error = failed(importGraphFile({ ...validDoc(), format: 'tensorflow.graphdef' }));
    expect(error).toEqual({
      kind: 'not-a-graph',
      message: 'not a Tensorloom graph: "format" is "tensorflow.graphdef", expected "tensorloom.graph"',
      issues: [{ path: 'format', message: error.message }],
    });
  });

  it('names a missing format', () => {
    const doc = validDoc();
    delete doc.format;
    const error = failed(importGraphFile(doc));
    expect(error.kind).toBe('not-a-graph');
    expect(error.message).toBe(
      'not a Tensorloom graph: it has no "format" field (expected "format": "tensorloom.graph")',
    );
  });

  it('rejects JSON that is not an object', () => {
    expect(failed(parseGraphFile('[1, 2]'))).toMatchObject({
      kind: 'not-a-graph',
      message: 'not a Tensorloom graph: expected a JSON object, got an array',
    });
  });
});

describe('versions', () => {
  it('refuses a file from a newer Tensorloom', () => {
    const error = failed(importGraphFile({ ...validDoc(), version: 4 }));
    expect(error.kind).toBe('too-new');
    expect(error.message).toBe('made by a newer version of Tensorloom: format version 4, this build reads up to 3');
    expect(error.issues).toEqual([{ path: 'version', message: error.message }]);
  });

  it('needs a whole-number version', () => {
    const doc = validDoc();
    delete doc.version;
    expect(failed(importGraphFile(doc))).toMatchObject({
      kind: 'schema',
      message: 'version: missing (expected the format version, a whole number)',
    });
    expect(failed(importGraphFile({ ...doc, version: '1' })).issues).toEqual([
      { path: 'version', message: 'expected the format version, a whole number, got "1"' },
    ]);
  });
});

/** The problems found in validDoc() after `breakIt` changed it. */
function issuesAfter(breakIt: (doc: ReturnType<typeof validDoc>) => void) {
  const doc = validDoc();
  breakIt(doc);
  const error = failed(importGraphFile(doc));
  expect(error.kind).toBe('schema');
  return error.issues;
}

describe('malformed files', () => {
  it('names a missing node id, and leads the message with it', () => {
    const doc = validDoc();
    delete doc.nodes[1].id;
    const error = failed(importGraphFile(doc));
    expect(error.issues).toEqual([{ path: 'nodes[1].id', message: 'missing (expected a string)' }]);
    expect(error.message).toBe('nodes[1].id: missing (expected a string)');
  });

  it('names an edge without a target', () => {
    expect(issuesAfter((doc) => delete doc.edges[2].target)).toEqual([
      { path: 'edges[2].target', message: 'missing (expected a node id)' },
    ]);
  });

  it('names a position the canvas cannot draw', () => {
    expect(issuesAfter((doc) => (doc.nodes[1].position = { x: 1e308, y: -1e9 }))).toEqual([
      { path: 'nodes[1].position.x', message: 'expected a number from -100,000,000 to 100,000,000, got 1e+308' },
      { path: 'nodes[1].position.y', message: 'expected a number from -100,000,000 to 100,000,000, got -1000000000' },
    ]);
  });

  it('names a tensor literal with an unknown dtype', () => {
    expect(issuesAfter((doc) => (doc.nodes[0].attrs.value.dtype = 'float64'))).toEqual([
      { path: 'nodes[0].attrs.value.dtype', message: 'expected "float32", "int32" or "bool", got "float64"' },
    ]);
  });

  it('names a tensor literal whose value count does not match its shape', () => {
    expect(issuesAfter((doc) => (doc.nodes[0].attrs.value.shape = [2, 2]))).toEqual([
      { path: 'nodes[0].attrs.value.values', message: 'shape [2, 2] holds 4 values, got 3' },
    ]);
  });

  it('names base64 tensor values that are not base64, or not as many bytes as the shape takes', () => {
    const binary = (base64: string) => (doc: ReturnType<typeof validDoc>) => {
      delete doc.nodes[0].attrs.value.values;
      doc.nodes[0].attrs.value.base64 = base64;
    };
    // Three float32 values: 12 bytes, 16 characters without padding.
    expect(issuesAfter(binary('AAAAAAAAAAAAAAA*'))).toEqual([
      {
        path: 'nodes[0].attrs.value.base64',
        message: 'not base64 text: expected letters, digits, + and /, then = padding',
      },
    ]);
    const wrongLength = {
      path: 'nodes[0].attrs.value.base64',
      message: "shape [3] of float32 takes 12 bytes, which is 16 base64 characters ending in 0 '='; got 12 characters",
    };
    expect(issuesAfter(binary('AAAAAAAAAAAA'))).toEqual([wrongLength]);
    expect(issuesAfter(binary('AAAAAAAAAAAAAA=='))).toEqual([
      { ...wrongLength, message: wrongLength.message.replace('got 12', 'got 16') },
    ]);
  });

  it('names a tensor with both values and base64, or neither', () => {
    const both = {
      path: 'nodes[0].attrs.value',
      message: 'a tensor holds either "values" or "base64", not both or neither',
    };
    expect(issuesAfter((doc) => (doc.nodes[0].attrs.value.base64 = 'AAAAAAAAAAAAAAAA'))).toEqual([both]);
    expect(issuesAfter((doc) => delete doc.nodes[0].attrs.value.values)).toEqual([both]);
  });

  it('names a duplicate node id and where it was first used', () => {
    expect(issuesAfter((doc) => (doc.nodes[2].id = doc.nodes[0].id))).toEqual([
      { path: 'nodes[2].id', message: 'duplicate node id "x", already used by nodes[0]' },
    ]);
  });

  it('names a duplicate edge id', () => {
    expect(issuesAfter((doc) => (doc.edges[1].id = 'e0'))).toEqual([
      { path: 'edges[1].id', message: 'duplicate edge id "e0", already used by edges[0]' },
    ]);
  });

  it('names bad shapes and tensor values', () => {
    expect(issuesAfter((doc) => (doc.nodes[0].attrs.value.shape = 'three'))).toEqual([
      { path: 'nodes[0].attrs.value.shape', message: 'expected an array of non-negative integers, got "three"' },
    ]);
    expect(issuesAfter((doc) => (doc.nodes[0].attrs.value.shape = [-3]))).toEqual([
      { path: 'nodes[0].attrs.value.shape[0]', message: 'expected a non-negative integer, got -3' },
    ]);
    expect(issuesAfter((doc) => (doc.nodes[0].attrs.value.values = [1, 'inf', true]))).toEqual([
      {
        path: 'nodes[0].attrs.value.values[1]',
        message: 'expected a number, "NaN", "Infinity" or "-Infinity", got "inf"',
      },
    ]);
    expect(issuesAfter((doc) => (doc.nodes[0].attrs.value.values = [1, 2, true]))).toEqual([
      {
        path: 'nodes[0].attrs.value.values[2]',
        message: 'true and false belong in bool tensors; this one is float32, so write 1 or 0',
      },
    ]);
  });

  it('names bad attribute values, quoting names that are not identifiers', () => {
    expect(issuesAfter((doc) => (doc.nodes[3].attrs['my axis'] = [0, 'one']))).toEqual([
      { path: 'nodes[3].attrs["my axis"][1]', message: 'expected a number, got "one"' },
    ]);
    expect(issuesAfter((doc) => (doc.nodes[3].attrs.flags = [[1]]))).toEqual([
      { path: 'nodes[3].attrs.flags[0]', message: 'expected a number, got an array' },
    ]);
  });

  it('names unknown fields, so that a misspelt one is not silently dropped', () => {
    expect(
      issuesAfter((doc) => {
        doc.nodes[1].postion = doc.nodes[1].position;
        delete doc.nodes[1].position;
      }),
    ).toEqual([{ path: 'nodes[1]', message: 'unknown field "postion"' }]);
  });

  it('reports every problem, and counts the rest in the message', () => {
    const doc = validDoc();
    delete doc.nodes[0].op;
    doc.edges[0].sourcePort = 7;
    const error = failed(importGraphFile(doc));
    expect(error.issues).toEqual([
      { path: 'nodes[0].op', message: 'missing (expected an op name)' },
      { path: 'edges[0].sourcePort', message: 'expected an output port name, got 7' },
    ]);
    expect(error.message).toBe('nodes[0].op: missing (expected an op name) (and 1 more problem)');
  });
});
