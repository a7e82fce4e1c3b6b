import { ArrayScript } from './ArrayScript';
import { TensorScript } from './TensorScript';

export const scriptOps = [TensorScript, ArrayScript];

/** What the rest of the app uses of script bodies: compiling them, and their errors. */
export { loadTranspiler, transpile } from './compile-body';
export { ScriptError, scriptErrorLocation } from './script-error';
