import { Elu } from './Elu';
import { LeakyRelu } from './LeakyRelu';
import { LogSoftmax } from './LogSoftmax';
import { Prelu } from './Prelu';
import { Relu } from './Relu';
import { Relu6 } from './Relu6';
import { Selu } from './Selu';
import { Sigmoid } from './Sigmoid';
import { Softmax } from './Softmax';
import { Softplus } from './Softplus';
import { Tanh } from './Tanh';

export const activationOps = [Relu, Relu6, LeakyRelu, Elu, Selu, Softplus, Sigmoid, Tanh, Softmax, LogSoftmax, Prelu];
