import { useState } from 'react';
import type { DType, TensorLiteral } from '../../../graph/types';
import { FILLS, filled, isRandom, type Fill } from './fills';

const FILL_LABELS: Readonly<Record<Fill, string>> = {
  zeros: 'zeros',
  ones: 'ones',
  range: 'range 0, 1, 2…',
  'random normal': 'random normal (mean 0, sd 1)',
  'random uniform': 'random uniform in [0, 1)',
};

/** Fills the whole tensor at its shape: zeros, ones, a range, or seeded random numbers (the same seed, the same numbers). */
export function FillControls({
  name,
  shape,
  dtype,
  onFill,
}: {
  name: string;
  shape: readonly number[];
  dtype: DType;
  onFill: (value: TensorLiteral) => void;
}) {
  const [fill, setFill] = useState<Fill>('zeros');
  const [seed, setSeed] = useState('0');
  const seedNumber = Number(seed);
  const seedOk = Number.isInteger(seedNumber);
  return (
    <div className="fill-controls">
      <select aria-label={`Fill for ${name}`} value={fill} onChange={(e) => setFill(e.target.value as Fill)}>
        {FILLS.map((f) => (
          <option key={f} value={f}>
            {FILL_LABELS[f]}
          </option>
        ))}
      </select>
      {isRandom(fill) && (
        <label>
          seed
          <input
            aria-label={`Seed for ${name}`}
            inputMode="numeric"
            size={6}
            value={seed}
            aria-invalid={seedOk ? undefined : true}
            onChange={(e) => setSeed(e.target.value)}
          />
        </label>
      )}
      <button
        type="button"
        aria-label={`Fill ${name}`}
        disabled={isRandom(fill) && !seedOk}
        title={isRandom(fill) && !seedOk ? 'The seed must be a whole number' : undefined}
        onClick={() => onFill(filled(fill, shape, dtype, seedNumber))}
      >
        Fill
      </button>
    </div>
  );
}
