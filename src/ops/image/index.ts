import { DecodeImage } from './DecodeImage';
import { DecodeJpeg } from './DecodeJpeg';
import { DecodePng } from './DecodePng';
import { NonMaxSuppressionV3 } from './NonMaxSuppressionV3';
import { NonMaxSuppressionV4 } from './NonMaxSuppressionV4';
import { NonMaxSuppressionV5 } from './NonMaxSuppressionV5';
import { ResizeBilinear } from './ResizeBilinear';
import { ResizeNearestNeighbor } from './ResizeNearestNeighbor';

export const imageOps = [
  ResizeBilinear,
  ResizeNearestNeighbor,
  NonMaxSuppressionV3,
  NonMaxSuppressionV4,
  NonMaxSuppressionV5,
  DecodePng,
  DecodeJpeg,
  DecodeImage,
];
