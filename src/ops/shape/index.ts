import { BroadcastTo } from './BroadcastTo';
import { Cast } from './Cast';
import { ConcatV2 } from './ConcatV2';
import { ExpandDims } from './ExpandDims';
import { Fill } from './Fill';
import { GatherNd } from './GatherNd';
import { GatherV2 } from './GatherV2';
import { Identity } from './Identity';
import { MirrorPad } from './MirrorPad';
import { OneHot } from './OneHot';
import { OnesLike } from './OnesLike';
import { Pack } from './Pack';
import { Pad } from './Pad';
import { PadV2 } from './PadV2';
import { Range } from './Range';
import { Reshape } from './Reshape';
import { Shape } from './Shape';
import { Slice } from './Slice';
import { Split } from './Split';
import { SplitV } from './SplitV';
import { Squeeze } from './Squeeze';
import { StridedSlice } from './StridedSlice';
import { Tile } from './Tile';
import { Transpose } from './Transpose';
import { Unpack } from './Unpack';
import { Where } from './Where';
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
  Shape,
  GatherV2,
  GatherNd,
  StridedSlice,
  Pad,
  PadV2,
  MirrorPad,
  Unpack,
  Split,
  SplitV,
  BroadcastTo,
  Where,
];
