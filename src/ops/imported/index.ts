import { Unsupported } from './Unsupported';

export const importedOps = [Unsupported];
