import { Equal } from './Equal';
import { Greater } from './Greater';
import { GreaterEqual } from './GreaterEqual';
import { Less } from './Less';
import { LessEqual } from './LessEqual';
import { LogicalAnd } from './LogicalAnd';
import { LogicalNot } from './LogicalNot';
import { LogicalOr } from './LogicalOr';
import { NotEqual } from './NotEqual';
import { Select } from './Select';
import { SelectV2 } from './SelectV2';

export const comparisonOps = [
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  LogicalAnd,
  LogicalOr,
  LogicalNot,
  Select,
  SelectV2,
];
