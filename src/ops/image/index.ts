import type { AnyOpDef } from '../define-op';

export const imageOps: AnyOpDef[] = [];
