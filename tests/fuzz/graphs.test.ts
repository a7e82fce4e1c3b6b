import { beforeAll, describe, it } from 'vitest';
import { cpu } from '../support/tf';
import { assertProperty } from './assert-property';
import { anyStructure } from './properties';

beforeAll(async () => {
  await cpu();
});

describe('fuzzing validation and runs', () => {
  it(anyStructure.name, () => assertProperty(anyStructure));
});
