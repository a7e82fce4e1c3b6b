import { createRegistry } from '../graph/registry';
import { activationOps } from './activation';
import { comparisonOps } from './comparison';
import { convOps } from './conv';
import { dataOps } from './data';
import { imageOps } from './image';
import { importedOps } from './imported';
import type { AnyOpDef } from './define-op';
import { inputOps } from './inputs';
import { linalgOps } from './linalg';
import { mathOps } from './math';
import { randomOps } from './random';
import { reductionOps } from './reduction';
import { scriptOps } from './script';
import { shapeOps } from './shape';

/** Every op Tensorloom knows, listed explicitly, category by category. */
export const OPS: readonly AnyOpDef[] = [
  ...inputOps,
  ...mathOps,
  ...comparisonOps,
  ...activationOps,
  ...linalgOps,
  ...reductionOps,
  ...shapeOps,
  ...randomOps,
  ...dataOps,
  ...convOps,
  ...imageOps,
  ...scriptOps,
  ...importedOps,
] as readonly AnyOpDef[];

export const registry = createRegistry(OPS);
