import { MatMul } from './MatMul';

export const linalgOps = [MatMul];
