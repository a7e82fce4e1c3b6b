import { useState } from 'react';
import { fileInfo, type FileAttr as FileAttrSpec } from '../../graph/attrs';
import { formatBytes } from '../format-bytes';

/** A file kept in the graph: what it is, a thumbnail for an image, and a way to open another. */
export function FileAttr({
  id,
  name,
  spec,
  value,
  onCommit,
}: {
  id: string;
  name: string;
  spec: FileAttrSpec;
  value: string;
  onCommit: (dataUrl: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const info = fileInfo(value);

  const open = (file: File | undefined) => {
    if (!file) return;
    if (file.size > spec.maxBytes)
      return setError(
        `${file.name} is ${formatBytes(file.size)}; a graph keeps files of up to ${formatBytes(spec.maxBytes)}`,
      );
    const reader = new FileReader();
    reader.onload = () => {
      setError(null);
      onCommit(String(reader.result));
    };
    reader.onerror = () => setError(`cannot read ${file.name}: ${reader.error?.message ?? 'unknown error'}`);
    reader.readAsDataURL(file);
  };

  return (
    <div className="attr attr-file">
      <span className="attr-label" title={spec.doc}>
        {name}
      </span>
      <div className="file-attr">
        {info?.type.startsWith('image/') && <img src={value} alt={`The ${name} attribute's image`} />}
        <span className="muted" id={`${id}-info`}>
          {info ? `${info.type}, ${formatBytes(info.bytes)}` : 'no file yet'}
        </span>
        <label className="file-button">
          Open file…
          <input
            id={id}
            type="file"
            aria-describedby={`${id}-info`}
            onChange={(e) => {
              open(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {error && (
        <span className="attr-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
