import { RandomStandardNormal } from './RandomStandardNormal';
import { RandomUniform } from './RandomUniform';

export const randomOps = [RandomUniform, RandomStandardNormal];
