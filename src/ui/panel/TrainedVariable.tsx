import type { VariableInspection } from '../../runtime/training/trainer';
import type { TensorSummary } from '../../runtime/summary';
import { TensorView } from '../tensor-view/TensorView';

/** The selected trained variable as the training run stands: its value and its latest gradient. */
export function TrainedVariable({ inspected, name }: { inspected: VariableInspection; name: string }) {
  const { step, value, gradient } = inspected;
  return (
    <div role="region" aria-label={`${name} while training`} className="trained-variable">
      <h4>
        {name} after step {step}
      </h4>
      <View label={name} summary={value} />
      {gradient ? (
        <View label={`gradient of ${name}`} summary={gradient} />
      ) : (
        <p className="muted">No gradient reached {name} in the latest step.</p>
      )}
    </div>
  );
}

function View({ label, summary }: { label: string; summary: TensorSummary }) {
  return (
    <TensorView
      label={label}
      shape={summary.shape}
      dtype={summary.dtype as 'float32'}
      values={summary.values}
      total={summary.size}
    />
  );
}
