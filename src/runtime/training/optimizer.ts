import type { OptimizerSpec } from '../../graph/training';
import type { TF } from '../../ops/define-op';

/** The tfjs optimizer a spec names, with its settings. */
export function makeOptimizer(tf: TF, spec: OptimizerSpec): InstanceType<typeof tf.Optimizer> {
  switch (spec.name) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
      return tf.train.momentum(spec.learningRate, spec.momentum, spec.useNesterov);
    case 'adam':
      return tf.train.adam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate, spec.decay, spec.momentum, spec.epsilon, spec.centered);
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate, spec.initialAccumulatorValue);
  }
}
