import { parseInputPort } from '../../graph/ports';

/** A port as a node shows it: `values[2]` for the third value of a variadic input. */
export function portLabel(port: string): string {
  const { input, index } = parseInputPort(port);
  return index === null ? input : `${input}[${index}]`;
}
