import { Const } from './Const';
import { FileBytes } from './FileBytes';
import { Placeholder } from './Placeholder';
import { VariableV2 } from './VariableV2';

export const inputOps = [Placeholder, Const, VariableV2, FileBytes];
