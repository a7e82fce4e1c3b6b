import { All } from './All';
import { Any } from './Any';
import { ArgMax } from './ArgMax';
import { ArgMin } from './ArgMin';
import { Max } from './Max';
import { Mean } from './Mean';
import { Min } from './Min';
import { Prod } from './Prod';
import { Sum } from './Sum';
import { TopKV2 } from './TopKV2';

export const reductionOps = [Sum, Mean, Max, Min, Prod, All, Any, ArgMax, ArgMin, TopKV2];
