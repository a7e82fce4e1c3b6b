import { formatType } from '../../graph/shape';
import { nodeLabel } from '../../graph/types';
import type { ResolvedNode } from '../../graph/validate';

/**
 * What a run trains: the trainable VariableV2 nodes the loss is computed from, with their types,
 * the same ones the runtime picks; or, plainly, that there are none.
 */
export function TrainingVariables({ lossLabel, upstream }: { lossLabel: string; upstream: readonly ResolvedNode[] }) {
  const variables = upstream.filter((n) => n.node.op === 'VariableV2' && n.attrs['trainable'] === true);
  if (!variables.length)
    return (
      <p className="training-variables-none" role="note">
        No trainable variable reaches {lossLabel}: add a VariableV2 with trainable set upstream of it.
      </p>
    );
  return (
    <div className="attr training-trains">
      <span className="attr-label">Trains</span>
      <ul className="training-variables" aria-label="Trainable variables">
        {variables.map((v) => {
          const type = v.types?.['ref'];
          return (
            <li key={v.node.id}>
              {nodeLabel(v.node)} <span className="muted">{type ? formatType(type) : 'type unknown'}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
