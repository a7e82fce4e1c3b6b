import { expect, test } from 'vitest';
import { LESSONS } from '../../src/store/lessons';
import { parseProgress, serializeProgress } from '../../src/store/lessons/progress';

const [first, second] = LESSONS;

test('progress saved is read back as it was', () => {
  const progress = new Map([
    [first!.id, { step: 2, done: false }],
    [second!.id, { step: null, done: true }],
  ]);
  expect(parseProgress(serializeProgress(progress), LESSONS)).toEqual(progress);
});

test('lessons no longer there are dropped, and a step past the end goes back to the last step', () => {
  const text = JSON.stringify({ gone: { step: 1, done: true }, [first!.id]: { step: 99, done: false } });
  expect(parseProgress(text, LESSONS)).toEqual(new Map([[first!.id, { step: first!.steps.length - 1, done: false }]]));
});

test('nothing saved, damaged text or the wrong shape read as no progress', () => {
  for (const text of [null, '{', '[]', JSON.stringify({ [first!.id]: { step: -1, done: false } }), '"x"'])
    expect(parseProgress(text, LESSONS).size, String(text)).toBe(0);
});

test('a key such as __proto__ or constructor is just an unknown lesson', () => {
  const text = '{"__proto__": {"step": 0, "done": true}, "constructor": {"step": 0, "done": true}}';
  expect(parseProgress(text, LESSONS).size).toBe(0);
});
