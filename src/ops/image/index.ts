import { ResizeBilinear } from './ResizeBilinear';
import { ResizeNearestNeighbor } from './ResizeNearestNeighbor';

export const imageOps = [ResizeBilinear, ResizeNearestNeighbor];
