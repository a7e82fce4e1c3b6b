import { memo, useMemo } from 'react';
import type { TensorSummary } from '../../../runtime/summary';
import { formatPreview } from '../preview';
import { describePreview } from './describe-preview';
import { PreviewImage } from './PreviewImage';
import { previewPicture, valuesNeeded } from './preview-picture';
import { usePreviewValues } from './preview-values';
import './previews.css';

interface NodePreviewProps {
  readonly nodeId: string;
  readonly port: string;
  /** The node's name as the user knows it. */
  readonly label: string;
  readonly summary: TensorSummary;
}

/**
 * A node's value at a glance: a sparkline, heatmap or image of it, with its first numbers as a
 * tooltip (the slot is as tall as the text was, near enough, so hand-placed graphs keep their
 * gaps); a single value as text.
 */
export const NodePreview = memo(function NodePreview({ nodeId, port, label, summary }: NodePreviewProps) {
  const picture = useMemo(() => previewPicture(summary.shape), [summary.shape]);
  const wanted = picture ? valuesNeeded(picture) : 0;
  const values = usePreviewValues(nodeId, port, summary, wanted);
  const text = formatPreview(summary);
  return (
    <div className="op-node-preview" role="group" aria-label={`Value of ${label}`}>
      {picture ? (
        <div className="op-node-picture">
          <PreviewImage
            numbers={text}
            picture={picture}
            values={values}
            summary={summary}
            description={`${label}: ${describePreview(picture, summary, Math.min(values.length, wanted))}`}
          />
        </div>
      ) : (
        <div className="op-node-preview-text">{text}</div>
      )}
    </div>
  );
});
