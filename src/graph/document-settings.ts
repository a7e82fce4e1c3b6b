/** How a document runs, kept with its graph: files and links carry it. */
export const EXECUTION_MODES = ['eager', 'graph'] as const;
export const BACKEND_REQUESTS = ['auto', 'webgpu', 'wasm', 'cpu'] as const;

export interface DocumentSettings {
  /** The id of the scalar node whose gradients the panel shows. */
  readonly lossTarget?: string;
  readonly mode?: (typeof EXECUTION_MODES)[number];
  readonly backend?: (typeof BACKEND_REQUESTS)[number];
}
