import { ArrayScript } from './ArrayScript';
import { TensorScript } from './TensorScript';

export const scriptOps = [TensorScript, ArrayScript];
