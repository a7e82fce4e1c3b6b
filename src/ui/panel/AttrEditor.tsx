import { useState } from 'react';
import type { AttrSpec } from '../../graph/attrs';
import type { AttrValue, PortDecl, TensorLiteral } from '../../graph/types';
import { CodeAttr, type CodeContext } from './code/CodeAttr';
import { FileAttr } from './FileAttr';
import { PortsEditor } from './PortsEditor';
import { TensorEditor } from './grid/TensorEditor';

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
          placeholder={spec.empty}
          parse={(t) => {
            const text = t.trim();
            return spec.pattern && !spec.pattern.regex.test(text)
              ? { error: `enter ${spec.pattern.means}` }
              : { value: text };
          }}
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
      // Its parts reset their drafts when the value changes; the editor itself stays, and keeps the focus.
      return (
        <TensorEditor
          key={id}
          id={id}
          label={label}
          name={nodeName}
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
