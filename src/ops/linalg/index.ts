import { BatchMatMulV2 } from './BatchMatMulV2';
import { BiasAdd } from './BiasAdd';
import { MatMul } from './MatMul';

export const linalgOps = [MatMul, BatchMatMulV2, BiasAdd];
