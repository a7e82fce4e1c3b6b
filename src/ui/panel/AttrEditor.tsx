import { useState } from 'react';
import { attrValueKey } from '../../graph/attr-key';
import type { AttrSpec } from '../../graph/attrs';
import type { AttrValue, DType, PortDecl, TensorLiteral } from '../../graph/types';
import { formatBytes } from '../format-bytes';
import { formatCount } from '../tensor-view/format';
import { CodeAttr, type CodeContext } from './code/CodeAttr';
import { FileAttr } from './FileAttr';
import { PortsEditor } from './PortsEditor';
import { formatTensor, parseTensor } from './parse-tensor';

interface Props {
  readonly nodeId: string;
  /** The node as the user knows it, for the names of controls that have no visible label of their own. */
  readonly nodeName: string;
  readonly name: string;
  readonly spec: AttrSpec;
  readonly value: AttrValue;
  readonly onChange: (value: AttrValue) => void;
  /** For a script's code attribute: the last run's problems in it, and what the code can refer to. */
  readonly code?: CodeContext;
}

const NO_CODE_CONTEXT: CodeContext = { problems: [], scope: { variables: [], tfFunctions: null } };

/** Above this many values a tensor attribute is shown rather than offered as text to edit. */
const TYPEABLE_VALUES = 1024;

/** An input fit to one attribute's kind; a value that does not parse is shown as an error, never applied. */
export function AttrEditor({ nodeId, nodeName, name, spec, value, onChange, code = NO_CODE_CONTEXT }: Props) {
  const id = `attr-${nodeId}-${name}`;
  const label = (
    <label htmlFor={id} title={spec.doc}>
      {name}
    </label>
  );
  switch (spec.kind) {
    case 'bool':
      return (
        <div className="attr attr-bool">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {label}
        </div>
      );
    case 'enum':
    case 'dtype':
      return (
        <div className="attr">
          {label}
          <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
            {spec.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </div>
      );
    case 'int':
    case 'float':
      return (
        <TextAttr
          key={String(value)}
          id={id}
          label={label}
          text={String(value)}
          parse={(t) => {
            const n = Number(t);
            if (t.trim() === '' || Number.isNaN(n)) return { error: 'enter a number' };
            if (spec.kind === 'int' && !Number.isInteger(n)) return { error: 'enter a whole number' };
            return { value: n };
          }}
          onCommit={onChange}
        />
      );
    case 'ints':
      return (
        <TextAttr
          key={JSON.stringify(value)}
          id={id}
          label={label}
          text={value === null ? '' : (value as readonly number[]).join(', ')}
          placeholder={spec.nullable ? 'all' : ''}
          parse={(t) => {
            if (!t.trim()) return { value: spec.nullable ? null : [] };
            const parts = t
              .split(/[\s,]+/)
              .filter(Boolean)
              .map(Number);
            return parts.some((n) => !Number.isInteger(n))
              ? { error: 'enter whole numbers separated by commas' }
              : { value: parts };
          }}
          onCommit={onChange}
        />
      );
    case 'text':
      return (
        <TextAttr
          key={String(value)}
          id={id}
          label={label}
          text={String(value)}
          parse={(t) => ({ value: t.trim() })}
          onCommit={onChange}
        />
      );
    case 'ports':
      return (
        <PortsEditor
          key={JSON.stringify(value)}
          id={id}
          label={name === 'inputs' ? 'Inputs' : name === 'outputs' ? 'Outputs' : name}
          ports={value as readonly PortDecl[]}
          onCommit={onChange}
        />
      );
    case 'code':
      return (
        <CodeAttr
          key={id}
          id={id}
          name={name}
          doc={spec.doc}
          source={String(value)}
          context={code}
          onCommit={onChange}
        />
      );
    case 'file':
      return <FileAttr id={id} name={name} spec={spec} value={String(value)} onCommit={onChange} />;
    case 'tensor':
      if ((value as TensorLiteral).values.length > TYPEABLE_VALUES)
        return <LargeTensorAttr id={id} label={label} value={value as TensorLiteral} />;
      // Keyed by value: an undo or a new run's value resets the draft.
      return (
        <TensorAttr
          key={attrValueKey(value)}
          id={id}
          label={label}
          value={value as TensorLiteral}
          onCommit={onChange}
        />
      );
  }
}

function TextAttr({
  id,
  label,
  text,
  placeholder,
  parse,
  onCommit,
}: {
  id: string;
  label: React.ReactNode;
  text: string;
  placeholder?: string;
  parse: (text: string) => { value: AttrValue } | { error: string };
  onCommit: (value: AttrValue) => void;
}) {
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === text) return setError(null);
    const parsed = parse(draft);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    onCommit(parsed.value);
  };
  return (
    <div className="attr">
      {label}
      <input
        id={id}
        value={draft}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {error && (
        <span className="attr-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * Weights too many to type are shown, not edited: their values are in the node's output below,
 * as pictures and a table.
 */
function LargeTensorAttr({ id, label, value }: { id: string; label: React.ReactNode; value: TensorLiteral }) {
  const bytes = value.values.length * (value.dtype === 'bool' ? 1 : 4);
  return (
    <div className="attr attr-tensor">
      {label}
      <output id={id} className="muted">
        {value.dtype} [{value.shape.join(', ')}]: {formatCount(value.values.length)} values, {formatBytes(bytes)}; too
        many to type here, shown with the node&apos;s output
      </output>
    </div>
  );
}

function TensorAttr({
  id,
  label,
  value,
  onCommit,
}: {
  id: string;
  label: React.ReactNode;
  value: TensorLiteral;
  onCommit: (value: AttrValue) => void;
}) {
  const [draft, setDraft] = useState(() => formatTensor(value));
  const [error, setError] = useState<string | null>(null);
  const commit = (dtype: DType = value.dtype) => {
    const parsed = parseTensor(draft, dtype, value.shape);
    if (typeof parsed === 'string') return setError(parsed);
    setError(null);
    if (attrValueKey(parsed) !== attrValueKey(value)) onCommit(parsed);
  };
  return (
    <div className="attr attr-tensor">
      {label}
      <div className="attr-tensor-meta">
        <select aria-label={`${id} dtype`} value={value.dtype} onChange={(e) => commit(e.target.value as DType)}>
          <option>float32</option>
          <option>int32</option>
          <option>bool</option>
        </select>
        <span className="muted">shape [{value.shape.join(', ')}]</span>
      </div>
      <textarea
        id={id}
        rows={Math.min(6, Math.max(1, Math.ceil(draft.length / 36)))}
        value={draft}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey) {
            e.preventDefault();
            commit();
          }
        }}
      />
      {error && (
        <span className="attr-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
