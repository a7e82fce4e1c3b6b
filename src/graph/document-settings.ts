/** How a document runs, kept with its graph: files and links carry it. */
export const EXECUTION_MODES = ['eager', 'graph'] as const;
export const BACKEND_REQUESTS = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
/** The optimizer passes a user may switch off (the runtime's `PASS_NAMES`, which this layer cannot import). */
export const OPTIMIZER_PASSES = ['prune', 'fold', 'cse', 'simplify', 'fuse'] as const;

export interface DocumentSettings {
  /** The id of the scalar node whose gradients the panel shows. */
  readonly lossTarget?: string;
  readonly mode?: (typeof EXECUTION_MODES)[number];
  readonly backend?: (typeof BACKEND_REQUESTS)[number];
  /** Graph mode's optimizer passes that run; absent: all of them. */
  readonly passes?: readonly (typeof OPTIMIZER_PASSES)[number][];
  /**
   * The node ids graph mode returns (TensorFlow's function outputs): what nothing returned needs is
   * pruned. Absent: every node nothing reads.
   */
  readonly outputs?: readonly string[];
}
