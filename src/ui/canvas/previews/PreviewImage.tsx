import { useMemo, useSyncExternalStore } from 'react';
import type { TensorSummary } from '../../../runtime/summary';
import type { Values } from '../../tensor-view/stats';
import { cellsBitmap, sparklineBitmap } from './picture-bitmap';
import { PREVIEW_PICTURE_HEIGHT, thumbnailSize, type PreviewPicture } from './preview-picture';

// Every picture fits one slot of PREVIEW_PICTURE_HEIGHT, so that a node's height (which layout
// estimates before anything runs) does not depend on the picture's proportions.
const SPARKLINE = { width: 132, height: PREVIEW_PICTURE_HEIGHT, pad: 2 };
// Inside the thumbnail's 1 px border.
const THUMBNAIL_BOX = { width: 132, height: PREVIEW_PICTURE_HEIGHT - 2 };

const DARK = window.matchMedia('(prefers-color-scheme: dark)');
const onSchemeChange = (redraw: () => void) => {
  DARK.addEventListener('change', redraw);
  return () => DARK.removeEventListener('change', redraw);
};
/** Whether the dark theme (which follows the system's scheme, see styles.css) is on. */
const useDarkScheme = () => useSyncExternalStore(onSchemeChange, () => DARK.matches);

/**
 * The theme's accent, read once per scheme: reading styles as each node comes into view would
 * make the browser recompute them mid-pan.
 */
const accents = new Map<boolean, string>();
function accentColour(dark: boolean): string {
  if (!accents.has(dark))
    accents.set(dark, getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
  return accents.get(dark)!;
}

interface PreviewImageProps {
  readonly picture: PreviewPicture;
  readonly values: Values;
  readonly summary: TensorSummary;
  readonly description: string;
  /** The first values as text: the picture's tooltip. */
  readonly numbers: string;
}

/** The picture of a node's value: a sparkline at the screen's resolution, or cells scaled up without smoothing. */
export function PreviewImage({ picture, values, summary, description, numbers }: PreviewImageProps) {
  const ratio = Math.ceil(window.devicePixelRatio || 1);
  const dark = useDarkScheme();
  const bitmap = useMemo(
    () =>
      picture.kind === 'sparkline'
        ? sparklineBitmap(values, summary, SPARKLINE, ratio, accentColour(dark))
        : cellsBitmap(picture, values, summary),
    [picture, values, summary, ratio, dark],
  );
  if (!bitmap) return null;
  const sparkline = picture.kind === 'sparkline';
  const size = sparkline ? SPARKLINE : thumbnailSize(bitmap, THUMBNAIL_BOX);
  return (
    <img
      className={sparkline ? 'op-node-sparkline' : 'op-node-thumbnail'}
      src={bitmap.url}
      alt={description}
      title={numbers}
      width={size.width}
      height={size.height}
      draggable={false}
    />
  );
}
