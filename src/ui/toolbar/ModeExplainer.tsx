/** The teaching note behind "Eager vs graph?": what each mode does and what to look for. */
export function ModeExplainer({ onClose }: { onClose: () => void }) {
  return (
    <div id="mode-explainer" className="popover" role="dialog" aria-label="Eager and graph mode">
      <h3>Eager mode</h3>
      <p>
        Runs one node at a time, like TensorFlow 2 without <code>tf.function</code>: each node's value is computed and
        read back before the next node starts, and every intermediate stays alive so you can inspect it. Step runs a
        single node and highlights it. You pay for it in time (a wait per node) and memory (every value at once).
      </p>
      <h3>Graph mode</h3>
      <p>
        Compiles the graph into a plan first, like <code>tf.function</code>, and optimizes it with passes in the order
        TensorFlow's Grappler runs them: nodes nothing returned needs are pruned, subgraphs made only of constants are
        folded into constants, duplicate nodes are merged, and algebra such as <code>x·1</code> is simplified (
        <strong>Passes</strong> switches each off; <strong>Show plan</strong> draws what they did). The plan is{' '}
        <em>traced</em> once and reused until the structure, an attribute, a dtype or a shape changes (changing a
        Placeholder's values does not retrace; the <strong>Trace log</strong> says why each trace happened). The plan
        then runs in one pass, freeing each intermediate as soon as its last reader has run, so only the outputs
        survive.
      </p>
      <p>
        <strong>Compare</strong> runs both on the same graph and shows time, peak tensors and memory side by side;{' '}
        <strong>Timeline</strong> shows where each node's time went. <strong>Learn</strong> walks through it all.
      </p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
