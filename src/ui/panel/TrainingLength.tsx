import type { TrainingSpec } from '../../graph/training';
import { TrainingNumberField, wholeNumberUpTo } from './TrainingNumberField';

const STEPS = wholeNumberUpTo(10_000_000);
const EPOCHS = wholeNumberUpTo(1_000_000);

/** Keras's `fit` trains for one epoch unless told otherwise. */
const FIRST_EPOCHS = 1;

/**
 * How long a run trains: a number of steps, or of epochs (passes over the training split of the
 * dataset node the loss is computed from). Steps are kept while epochs are chosen, so that
 * going back to steps finds them as they were.
 */
export function TrainingLength({
  setup,
  hasDataset,
  onChange,
}: {
  setup: TrainingSpec;
  /** Whether a dataset node is upstream of the loss: without one there is no epoch to count. */
  hasDataset: boolean;
  onChange: (setup: TrainingSpec) => void;
}) {
  const { epochs, ...withoutEpochs } = setup;
  const unit = epochs === undefined ? 'steps' : 'epochs';
  return (
    <TrainingNumberField
      label="Train for"
      name={`Training ${unit}`}
      value={epochs ?? setup.steps}
      rule={epochs === undefined ? STEPS : EPOCHS}
      onCommit={(n) => onChange(epochs === undefined ? { ...setup, steps: n } : { ...setup, epochs: n })}
    >
      <select
        aria-label="Training length unit"
        value={unit}
        onChange={(e) => onChange(e.target.value === 'epochs' ? { ...setup, epochs: FIRST_EPOCHS } : withoutEpochs)}
      >
        <option value="steps">steps</option>
        {/* Kept when chosen without a dataset (the dataset was removed since), so that the setup still shows. */}
        <option value="epochs" disabled={!hasDataset && unit !== 'epochs'}>
          {hasDataset ? 'epochs' : 'epochs (needs a dataset node)'}
        </option>
      </select>
    </TrainingNumberField>
  );
}
