import { shownInputPorts, type ShownPort } from '../graph/ports';
import { formatType } from '../graph/shape';
import type { Graph, GraphNode, Shape } from '../graph/types';
import type { ResolvedNode, Validation } from '../graph/validate';

/** Where a port sits on its node: inputs on the left edge, outputs on the right; `y` from the node's top. */
export interface PortAt {
  readonly id: string;
  readonly y: number;
}

/** What layout needs of a node as drawn: its size, and its ports in the order they are drawn. */
export interface NodeBox {
  readonly width: number;
  readonly height: number;
  readonly inputs: readonly PortAt[];
  readonly outputs: readonly PortAt[];
}

// The metrics of `.op-node` in src/ui/styles.css (12px text at line-height 1.4, 11px monospace).
const MIN_WIDTH = 150;
const MAX_WIDTH = 260;
const BORDER = 1;
const HEADER = 4 + 16.8 + 4 + 1;
const PORTS_PADDING = 3;
const ROW = 18;
const SMALL_LINE = 15.4;
const FOOTER = 3 + 5 + 1 + SMALL_LINE;
// A value of more than one element is drawn (sparkline, heatmap, image) instead of written: a
// slot of fixed height and width (PREVIEW_PICTURE_HEIGHT in src/ui/canvas/previews/preview-picture.ts).
// Chromium draws the footer 37 px tall; counted 0.4 px over, like the text line, since an
// estimate a little tall leaves a gap where one a little short makes rounded positions touch.
const PICTURE_FOOTER = 3 + 5 + 1 + 28.4;
const PICTURE_WIDTH = 132;
// Advance per character, rounded up to that of digits (ids are often full of them): an estimate a
// little wide leaves a gap, one too narrow an overlap, or a layout that changes with a node's status.
const TEXT = 7.4;
const BOLD = 8;
const MONO = 6.6;
const STATUS = 7.6;

/** What a node shows, as far as its size depends on it. */
interface NodeText {
  readonly op: string;
  readonly label: string;
  readonly inputs: readonly ShownPort[];
  /** Each output's name and type text. */
  readonly outputs: readonly (readonly [string, string])[];
  readonly attrs: string;
  /** A problem shown on the node instead of its value. */
  readonly message: string | null;
  /** How long the value preview a run adds will be, in characters; 0 for none. */
  readonly preview: number;
  /** Whether that preview is a picture: a value of more than one element. */
  readonly picture: boolean;
}

/** The size a node will have on the canvas, estimated from what it shows. */
function estimateBox(text: NodeText): NodeBox {
  const inner = MAX_WIDTH - 2 * BORDER - 16;
  const lines = (chars: number) => Math.max(1, Math.ceil((chars * MONO) / inner));
  const labelled = text.label !== text.op;
  let widest = 16 + text.op.length * BOLD + (labelled ? 6 + text.label.length * TEXT : 0) + 6 + 7 * STATUS;
  // A row too wide for the widest node wraps its type onto more lines, and its ports sit at its middle.
  const rowHeights: number[] = [];
  for (let i = 0; i < Math.max(text.inputs.length, text.outputs.length); i++) {
    const [name = '', type = ''] = text.outputs[i] ?? [];
    const labels = 20 + (text.inputs[i]?.label.length ?? 0) * TEXT + 12 + name.length * TEXT + 4;
    widest = Math.max(widest, labels + type.length * MONO);
    const room = MAX_WIDTH - 2 * BORDER - labels;
    rowHeights.push(Math.max(ROW, Math.ceil((type.length * MONO) / Math.max(room, MONO)) * SMALL_LINE));
  }
  let footer = 0;
  if (text.message) footer = 9 + lines(text.message.length) * SMALL_LINE;
  else if (text.preview) {
    footer = text.picture ? PICTURE_FOOTER : FOOTER;
    widest = Math.max(widest, 16 + (text.picture ? PICTURE_WIDTH : text.preview * MONO));
  }
  const attrs = text.attrs ? 4 + lines(text.attrs.length) * SMALL_LINE : 0;
  const ports = (list: readonly { id: string }[]) => {
    let top = BORDER + HEADER + PORTS_PADDING;
    return list.map((p, i) => {
      const row = rowHeights[i]!;
      const at = { id: p.id, y: top + row / 2 };
      top += row;
      return at;
    });
  };
  return {
    width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2 * BORDER)),
    height: 2 * BORDER + HEADER + 2 * PORTS_PADDING + rowHeights.reduce((a, b) => a + b, 0) + attrs + footer,
    inputs: ports(text.inputs),
    outputs: ports(text.outputs.map(([id]) => ({ id }))),
  };
}

/**
 * Every node's box: estimated from what the node will show (its ports, types, attributes, and
 * room for the value a run adds), or as `measured` on the canvas, grown to the estimate where that
 * is larger: a node widens while its status reads "running" and grows when its value first shows,
 * and a layout should not change with such passing states.
 */
export function nodeBoxes(
  graph: Graph,
  validation: Validation,
  measured: ReadonlyMap<string, NodeBox> = new Map(),
): Map<string, NodeBox> {
  const messages = new Map<string, string>();
  for (const d of validation.diagnostics)
    for (const id of d.cycle ?? (d.nodeId ? [d.nodeId] : [])) if (!messages.has(id)) messages.set(id, d.message);
  const boxes = new Map<string, NodeBox>();
  for (const node of graph.nodes) {
    const resolved = validation.nodes.get(node.id);
    const message = messages.get(node.id) ?? (resolved ? null : `unknown op ${node.op}`);
    const estimate = estimateBox(nodeText(node, resolved, message));
    const drawn = measured.get(node.id);
    boxes.set(
      node.id,
      drawn
        ? { ...drawn, width: Math.max(drawn.width, estimate.width), height: Math.max(drawn.height, estimate.height) }
        : estimate,
    );
  }
  return boxes;
}

function nodeText(node: GraphNode, resolved: ResolvedNode | undefined, message: string | null): NodeText {
  const outputs = resolved?.op.outputs ?? [];
  const types = resolved?.types;
  return {
    op: node.op,
    label: node.name ?? node.id,
    inputs: resolved ? shownInputPorts(resolved.op.inputs, resolved.inputs) : [],
    outputs: outputs.map((port) => [port, types?.[port] ? formatType(types[port]) : ''] as const),
    attrs: resolved ? attrsText(node, resolved) : '',
    message,
    preview: outputs.length ? previewLength(types?.[outputs[0]!]?.shape) : 0,
    picture: outputs.length ? mayHavePicture(types?.[outputs[0]!]?.shape) : false,
  };
}

/** More than one value, or a shape not known well enough to tell (a layout taller than drawn leaves a gap, not an overlap). */
function mayHavePicture(shape: Shape | undefined): boolean {
  if (shape === undefined) return false;
  if (shape === null || shape.includes(null)) return true;
  return shape.reduce<number>((a, b) => a * b!, 1) > 1;
}

/**
 * About how long the preview of a node's first output is: the canvas shows up to four values,
 * "[0.8415, -0.9093, 0.1411, 2.5, …]", at four significant digits; about 7 characters a value.
 */
function previewLength(shape: Shape | undefined): number {
  if (shape?.length === 0) return 7;
  const size = shape?.every((d) => d !== null) ? shape.reduce((a, b) => a * b, 1) : Infinity;
  return size <= 4 ? 7 * size : 33;
}

/** About as long as the settings line the canvas shows: the short attributes set to other than their default. */
function attrsText(node: GraphNode, resolved: ResolvedNode): string {
  const parts: string[] = [];
  for (const [name, spec] of Object.entries(resolved.op.attrs)) {
    if (!Object.hasOwn(node.attrs, name) || spec.kind === 'tensor' || spec.kind === 'code' || spec.kind === 'ports')
      continue;
    const value = node.attrs[name];
    if (JSON.stringify(value) === JSON.stringify(spec.default)) continue;
    // A file shows its type and size ("image/png, 12.3 KB"), not its contents.
    parts.push(spec.kind === 'file' ? 'x'.repeat(24) : `${name}=${JSON.stringify(value)}`);
  }
  return parts.join('  ');
}
