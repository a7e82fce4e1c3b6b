import { BatchMatMulV2 } from './BatchMatMulV2';
import { BiasAdd } from './BiasAdd';
import { Einsum } from './Einsum';
import { MatMul } from './MatMul';

export const linalgOps = [MatMul, BatchMatMulV2, BiasAdd, Einsum];
