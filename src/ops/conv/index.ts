import { AvgPool } from './AvgPool';
import { Conv2D } from './Conv2D';
import { MaxPool } from './MaxPool';

export const convOps = [Conv2D, MaxPool, AvgPool];
