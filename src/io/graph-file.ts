/**
 * The native graph file format, `tensorloom.graph` (docs/graph-format.md). Everything here takes and
 * returns plain data, so it can run on either side of a postMessage.
 */
export { serializeGraph, toGraphFile } from './export';
export { importGraphFile, parseGraphFile, type GraphImport, type ImportError, type ImportErrorKind } from './import';
export type { FileIssue } from './issues';
export { MIGRATIONS } from './migrations';
export { CURRENT_VERSION, GRAPH_FORMAT, type GraphFile } from './schema';
