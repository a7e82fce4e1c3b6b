import { AddV2 } from './AddV2';
import { Sin } from './Sin';

export const mathOps = [AddV2, Sin];
