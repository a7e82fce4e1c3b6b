import type { OpCase } from '../op-case';

export const cases: OpCase[] = [];
