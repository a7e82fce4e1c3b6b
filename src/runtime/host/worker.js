// A worker thread does not inherit the main thread's module hooks: it registers tsx itself, so
// that it can load the TypeScript runtime as bin/tensorloom.js loads the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
