import { PLANE_RADIUS } from '../../ops/data/playground-points';

/** The decision-boundary picture: a grid of `resolution` points a side over Playground's plane. */
export const BOUNDARY = { resolution: 48, extent: PLANE_RADIUS } as const;
