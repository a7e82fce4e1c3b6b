import { useState } from 'react';
import { attrValueKey } from '../../../graph/attr-key';
import { checkTensorLiteral } from '../../../graph/attrs';
import { DTYPES, type DType, type TensorLiteral } from '../../../graph/types';
import { formatBytes } from '../../format-bytes';
import { formatCount } from '../../tensor-view/format';
import { FillControls } from './FillControls';
import { ShapeField } from './ShapeField';
import { gridProblem, reshaped } from './tensor-grid';
import { TensorGrid } from './TensorGrid';
import { TensorText } from './TensorText';
import './grid.css';

/** Above this many values a tensor is not offered cell by cell or as text: only its shape and fills. */
export const TYPEABLE_VALUES = 1024;

/**
 * A tensor attribute (a placeholder's, constant's or variable's value): its dtype and shape, fills,
 * a grid of its cells and the text form. Every change is one edit of the document; one that does
 * not make a valid tensor is shown as a problem and not applied.
 */
export function TensorEditor({
  id,
  label,
  name,
  value,
  onCommit,
}: {
  id: string;
  label: React.ReactNode;
  /** The node's name, which names the controls: "x[1][2]", "Shape of x". */
  name: string;
  value: TensorLiteral;
  onCommit: (value: TensorLiteral) => void;
}) {
  const key = attrValueKey(value);
  // A refused change is reported until the value changes (an edit, an undo).
  const [refused, setRefused] = useState<{ readonly of: string; readonly problem: string } | null>(null);
  const problem = refused?.of === key ? refused.problem : null;
  const commit = (next: TensorLiteral) => {
    const bad = checkTensorLiteral(next);
    setRefused(bad ? { of: key, problem: bad } : null);
    if (!bad && attrValueKey(next) !== key) onCommit(next);
  };
  const large = value.values.length > TYPEABLE_VALUES;
  const tooLargeForGrid = gridProblem(value.shape);

  return (
    <div className="attr attr-tensor">
      {label}
      <div className="attr-tensor-meta">
        <select
          aria-label={`dtype of ${name}`}
          value={value.dtype}
          onChange={(e) => commit(converted(value, e.target.value as DType))}
        >
          {DTYPES.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
        <ShapeField
          key={value.shape.join()}
          name={name}
          shape={value.shape}
          onCommit={(s) => commit(reshaped(value, s))}
        />
      </div>
      <FillControls name={name} shape={value.shape} dtype={value.dtype} onFill={commit} />
      {large ? (
        <output id={id} className="muted">
          {value.dtype} [{value.shape.join(', ')}]: {formatCount(value.values.length)} values,{' '}
          {formatBytes(value.values.length * (value.dtype === 'bool' ? 1 : 4))}; too many to type here (up to{' '}
          {formatCount(TYPEABLE_VALUES)}), shown with the node&apos;s output
        </output>
      ) : (
        <>
          {tooLargeForGrid ? (
            <p className="muted">{tooLargeForGrid}</p>
          ) : (
            <TensorGrid name={name} value={value} onCommit={commit} />
          )}
          <TensorText key={key} id={id} value={value} onCommit={commit} />
        </>
      )}
      {problem && (
        <span className="attr-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** The same values in another dtype: whole numbers for int32 (cut towards zero), 0 or 1 for bool. */
function converted(value: TensorLiteral, dtype: DType): TensorLiteral {
  const convert =
    dtype === 'int32'
      ? Math.trunc
      : dtype === 'bool'
        ? (v: number) => (v !== 0 ? 1 : 0)
        : (v: number) => Math.fround(v);
  return { dtype, shape: value.shape, values: Array.from(value.values, convert) };
}
