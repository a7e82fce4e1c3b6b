import type { TensorSummary } from '../../../runtime/summary';
import { formatNumber } from '../../tensor-view/format';
import type { PreviewPicture } from './preview-picture';

const CHANNELS = { 1: 'grayscale', 3: 'RGB', 4: 'RGBA' } as const;

/** What the picture shows, for a screen reader: "sparkline of 3 values from 0.14112 to 0.909297". */
export function describePreview(picture: PreviewPicture, summary: TensorSummary, drawn: number): string {
  const range =
    summary.min === null || summary.max === null
      ? 'with no finite values'
      : `from ${formatNumber(summary.min)} to ${formatNumber(summary.max)}`;
  const first = drawn < summary.size ? `, first ${drawn} drawn` : '';
  switch (picture.kind) {
    case 'sparkline':
      return `sparkline of ${summary.size} values ${range}${first}`;
    case 'heatmap':
      return `heatmap of ${picture.grid.height} × ${picture.grid.width} values ${range}${first}`;
    case 'image': {
      const { height, width, channels } = picture.layout;
      return `${CHANNELS[channels]} image, ${height} × ${width} pixels${first}`;
    }
  }
}
