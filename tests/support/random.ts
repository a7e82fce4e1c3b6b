/** A seeded PRNG (mulberry32), so a failing random case fails the same way every time: the datasets' own. */
export { seededUniform as seededRandom } from '../../src/ops/data/dataset';
