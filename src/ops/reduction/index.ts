import { Sum } from './Sum';

export const reductionOps = [Sum];
