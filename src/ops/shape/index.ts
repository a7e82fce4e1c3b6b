import { Cast } from './Cast';
import { ConcatV2 } from './ConcatV2';
import { ExpandDims } from './ExpandDims';
import { Fill } from './Fill';
import { Identity } from './Identity';
import { OneHot } from './OneHot';
import { OnesLike } from './OnesLike';
import { Pack } from './Pack';
import { Range } from './Range';
import { Reshape } from './Reshape';
import { Slice } from './Slice';
import { Squeeze } from './Squeeze';
import { Tile } from './Tile';
import { Transpose } from './Transpose';
import { ZerosLike } from './ZerosLike';

export const shapeOps = [
  Reshape,
  Transpose,
  ConcatV2,
  Pack,
  Slice,
  ExpandDims,
  Squeeze,
  Tile,
  Cast,
  Identity,
  OneHot,
  Fill,
  Range,
  ZerosLike,
  OnesLike,
];
