import { AvgPool } from './AvgPool';
import { Conv2D } from './Conv2D';
import { Conv2DBackpropInput } from './Conv2DBackpropInput';
import { DepthwiseConv2dNative } from './DepthwiseConv2dNative';
import { FusedBatchNorm } from './FusedBatchNorm';
import { FusedBatchNormV3 } from './FusedBatchNormV3';
import { FusedDepthwiseConv2dNative } from './FusedDepthwiseConv2dNative';
import { _FusedConv2D } from './_FusedConv2D';
import { _FusedMatMul } from './_FusedMatMul';
import { MaxPool } from './MaxPool';

export const convOps = [
  Conv2D,
  MaxPool,
  AvgPool,
  DepthwiseConv2dNative,
  Conv2DBackpropInput,
  FusedBatchNorm,
  FusedBatchNormV3,
  _FusedConv2D,
  FusedDepthwiseConv2dNative,
  _FusedMatMul,
];
