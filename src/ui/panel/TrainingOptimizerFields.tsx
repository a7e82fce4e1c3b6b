import type { OptimizerSpec } from '../../graph/training';
import { FRACTION, POSITIVE, TrainingNumberField } from './TrainingNumberField';

/**
 * The settings of the chosen optimizer besides its learning rate, named as Keras names them
 * (rho is RMSProp's decay); SGD has none.
 */
export function TrainingOptimizerFields({
  optimizer,
  onChange,
}: {
  optimizer: OptimizerSpec;
  onChange: (optimizer: OptimizerSpec) => void;
}) {
  switch (optimizer.name) {
    case 'sgd':
      return null;
    case 'momentum':
      return (
        <>
          <TrainingNumberField
            label="Momentum"
            value={optimizer.momentum}
            rule={FRACTION}
            onCommit={(momentum) => onChange({ ...optimizer, momentum })}
          />
          <Flag
            label="Nesterov"
            checked={optimizer.useNesterov}
            onChange={(useNesterov) => onChange({ ...optimizer, useNesterov })}
          />
        </>
      );
    case 'adam':
      return (
        <>
          <TrainingNumberField
            label="β1"
            value={optimizer.beta1}
            rule={FRACTION}
            onCommit={(beta1) => onChange({ ...optimizer, beta1 })}
          />
          <TrainingNumberField
            label="β2"
            value={optimizer.beta2}
            rule={FRACTION}
            onCommit={(beta2) => onChange({ ...optimizer, beta2 })}
          />
          <TrainingNumberField
            label="ε"
            value={optimizer.epsilon}
            rule={POSITIVE}
            onCommit={(epsilon) => onChange({ ...optimizer, epsilon })}
          />
        </>
      );
    case 'rmsprop':
      return (
        <>
          <TrainingNumberField
            label="Decay (rho)"
            value={optimizer.decay}
            rule={FRACTION}
            onCommit={(decay) => onChange({ ...optimizer, decay })}
          />
          <TrainingNumberField
            label="Momentum"
            value={optimizer.momentum}
            rule={FRACTION}
            onCommit={(momentum) => onChange({ ...optimizer, momentum })}
          />
          <TrainingNumberField
            label="ε"
            value={optimizer.epsilon}
            rule={POSITIVE}
            onCommit={(epsilon) => onChange({ ...optimizer, epsilon })}
          />
          <Flag
            label="Centered"
            checked={optimizer.centered}
            onChange={(centered) => onChange({ ...optimizer, centered })}
          />
        </>
      );
    case 'adagrad':
      return (
        <TrainingNumberField
          label="Initial accumulator"
          value={optimizer.initialAccumulatorValue}
          rule={POSITIVE}
          onCommit={(initialAccumulatorValue) => onChange({ ...optimizer, initialAccumulatorValue })}
        />
      );
  }
}

function Flag({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="attr attr-bool">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span className="attr-label">{label}</span>
    </label>
  );
}
