import { attrFromTensor, isTensorLiteral } from '../../graph/attrs';
import { own, setOwn } from '../../graph/own';
import type { OpRegistry } from '../../graph/registry';
import { elementCount, type AttrValue, type PortRef, type TensorLiteral, type TensorType } from '../../graph/types';
import type { ResolvedNode, Validation } from '../../graph/validate';
import type { AnyOpDef, CodeCheck, CodeHelper, OpCode } from '../../ops/define-op';
import { quote, scriptAwaits, scriptCall } from '../codegen/script-functions';
import { tensorLiteral, valueLiteral } from './literals';
import { CHECK, LIST_OF, OWN, TIDY_AWAITING, VALUE_OF, WEIGHT } from './module-helpers';
import { Names, property } from './names';

/** Constants with more values than this are loaded from the weight shards, not written into the module. */
export const INLINE_VALUES = 64;

/** A source of the run: a Placeholder the caller feeds as `inputs[id]`, or a large constant passed as `weights[id]`. */
export interface PlannedSource {
  readonly id: string;
  readonly value: TensorLiteral;
}

/** A step's value: one variable, an array of them, or statements that declare each. */
export type StepValue =
  | { readonly expression: string; readonly variables: readonly [string] }
  | { readonly list: string; readonly variables: readonly string[] }
  | { readonly lines: readonly string[]; readonly variables: readonly string[] };

/**
 * One node's statements: what it awaits first (attributes read from tensors, TensorFlow's checks),
 * then its value. `composite`: the value makes temporaries that tf.tidy must free.
 */
export interface PlannedStep {
  readonly nodeId: string;
  readonly before: readonly string[];
  readonly value: StepValue;
  readonly composite: boolean;
  /** Whether the value itself (not `before`) awaits. */
  readonly awaits: boolean;
  /** The variables of other steps it reads. */
  readonly reads: readonly string[];
}

/**
 * An output of the module: a node nothing reads, with the expression of each of its ports: its
 * variable, or a copy of an input or weight, which the caller frees apart from it.
 */
export interface PlannedOutput {
  readonly id: string;
  readonly ports: readonly { readonly port: string; readonly expression: string; readonly type: TensorType }[];
}

/** What the module holds: its inputs, weights, steps in order, outputs, helpers and script functions. */
export interface ModulePlan {
  readonly inputs: readonly PlannedSource[];
  readonly weights: readonly PlannedSource[];
  readonly steps: readonly PlannedStep[];
  readonly outputs: readonly PlannedOutput[];
  readonly helpers: ReadonlyMap<string, CodeHelper>;
  /** Script nodes, each written as a function of this name. */
  readonly scripts: readonly { readonly id: string; readonly name: string }[];
  readonly notes: readonly string[];
}

export type PlanResult =
  { readonly ok: true; readonly plan: ModulePlan } | { readonly ok: false; readonly message: string };

/**
 * The module's parts, walking the validated graph in order. Variables are named after node ids,
 * clear of `reserved`: the module's own names and its helpers', which are only known once every
 * op has been written.
 */
export function planModule(
  validation: Validation,
  registry: OpRegistry<AnyOpDef>,
  reserved: Iterable<string>,
): PlanResult {
  return new Planner(validation, registry, new Names(reserved)).plan();
}

/** An attribute's value known when writing (a Const supplies it), or the variable that reads it when running. */
interface SuppliedAttrs {
  readonly attrs: Record<string, AttrValue | undefined>;
  readonly variables: Map<string, string>;
  readonly reads: string[];
}

class Planner {
  private readonly inputs: PlannedSource[] = [];
  private readonly weights: PlannedSource[] = [];
  private readonly steps: PlannedStep[] = [];
  private readonly helpers = new Map<string, CodeHelper>();
  private readonly scripts: { id: string; name: string }[] = [];
  private readonly notes: string[] = [];
  /** Per node, the expression of each output port. */
  private readonly values = new Map<string, ReadonlyMap<string, string>>();
  /** The expressions of inputs and weights, which the caller owns. */
  private readonly fed = new Set<string>();

  constructor(
    private readonly validation: Validation,
    private readonly registry: OpRegistry<AnyOpDef>,
    private readonly names: Names,
  ) {}

  plan(): PlanResult {
    for (const id of this.validation.order) {
      const resolved = this.validation.nodes.get(id)!;
      const problem = this.planNode(resolved, this.registry.get(resolved.node.op)!);
      if (problem)
        return { ok: false, message: `${resolved.node.op} ${id} cannot be written as tfjs code: ${problem}` };
    }
    return {
      ok: true,
      plan: {
        inputs: this.inputs,
        weights: this.weights,
        steps: this.steps,
        outputs: this.outputs(),
        helpers: this.helpers,
        scripts: this.scripts,
        notes: this.notes,
      },
    };
  }

  /** Plans one node; returns why it cannot be written, if so. */
  private planNode(resolved: ResolvedNode, op: AnyOpDef): string | null {
    const { node } = resolved;
    if (!op.code) return 'its op has no code';
    if (op.kind === 'script') return this.planScript(resolved);
    const ports = resolved.op.outputs;
    const variables = ports.map((port) => this.names.fresh(ports.length === 1 ? node.id : `${node.id}_${port}`));
    const supplied = this.suppliedAttrs(resolved);
    const written = this.emptyCode(resolved, op, variables) ?? this.opCode(resolved, op, supplied, variables);
    if (typeof written === 'object' && 'unwritable' in written) return written.unwritable;
    if (typeof written === 'object' && 'script' in written) return 'it is not a script node';
    if (typeof written === 'object' && 'input' in written) {
      this.inputs.push({ id: node.id, value: written.input });
      this.feed(node.id, ports[0]!, property('inputs', node.id));
      return null;
    }
    if (typeof written === 'object' && 'constant' in written) {
      this.planConstant(resolved, written.constant, variables[0]!);
      return null;
    }
    this.values.set(node.id, new Map(ports.map((port, k) => [port, variables[k]!])));
    const checks = typeof written === 'string' ? [] : (written.checks ?? []);
    if (checks.length) this.addHelper(CHECK);
    const value: StepValue =
      typeof written === 'string'
        ? { expression: written, variables: [variables[0]!] }
        : { lines: written.lines, variables };
    this.steps.push({
      nodeId: node.id,
      before: [...supplied.reads, ...checks.map(checkStatement)],
      value,
      composite: op.composite,
      awaits: (typeof written === 'string' ? [written] : written.lines).some(awaits),
      reads: this.readsOf(resolved),
    });
    return null;
  }

  /**
   * The runtime's rule: a step whose outputs are all known to hold no elements makes them as
   * zeros without running its op (which tfjs may refuse, or compute otherwise).
   */
  private emptyCode({ op, types }: ResolvedNode, def: AnyOpDef, variables: readonly string[]): OpCode | null {
    if (def.kind !== 'pure' && def.kind !== 'random') return null;
    const outputs = op.outputs.map((port) => own(types!, port)!);
    if (
      outputs.length === 0 ||
      !outputs.every(({ shape }) => shape !== null && !shape.includes(null) && shape.includes(0))
    )
      return null;
    const zeros = ({ shape, dtype }: TensorType) => `tf.zeros(${valueLiteral(shape)}, ${quote(dtype)})`;
    if (outputs.length === 1) return zeros(outputs[0]!);
    return { lines: outputs.map((type, k) => `const ${variables[k]} = ${zeros(type)};`) };
  }

  private opCode(resolved: ResolvedNode, op: AnyOpDef, supplied: SuppliedAttrs, variables: readonly string[]): OpCode {
    const inputs: Record<string, string | string[]> = {};
    const inputTypes: Record<string, TensorType | TensorType[]> = {};
    for (const [port, refs] of Object.entries(resolved.inputs)) {
      const spec = own(resolved.op.inputs, port)!;
      const list = [refs].flat() as PortRef[];
      setOwn(inputTypes, port, spec.variadic ? list.map((r) => this.typeOf(r)) : this.typeOf(list[0]!));
      if (!spec.attr)
        setOwn(inputs, port, spec.variadic ? list.map((r) => this.expressionOf(r)) : this.expressionOf(list[0]!));
    }
    return op.code!({
      inputs: inputs as never,
      attrs: supplied.attrs as never,
      attr: (name) => supplied.variables.get(name) ?? valueLiteral(own(supplied.attrs, name)),
      outputs: Object.fromEntries(resolved.op.outputs.map((port, k) => [port, variables[k]!])),
      types: { inputs: inputTypes as never, outputs: resolved.types! },
      literal: valueLiteral,
      helper: (helper) => this.addHelper(helper),
    });
  }

  /**
   * The attributes as the op runs with them: one that a connected input supplies comes from a
   * Const when writing, as validation takes it, and from the tensor when running otherwise.
   */
  private suppliedAttrs({ node, op, attrs, inputs }: ResolvedNode): SuppliedAttrs {
    const supplied: SuppliedAttrs = { attrs: { ...attrs }, variables: new Map(), reads: [] };
    for (const [port, spec] of Object.entries(op.inputs)) {
      const ref = own(inputs, port) as PortRef | undefined;
      if (!spec.attr || !ref) continue;
      const source = this.validation.nodes.get(ref.node)!;
      const value = source.attrs['value'];
      const attrSpec = own(op.attrs, spec.attr)!;
      if (source.op.kind === 'const' && value !== undefined && isTensorLiteral(value)) {
        const read = attrFromTensor(attrSpec, value.values, value.shape);
        if (read.ok) {
          setOwn(supplied.attrs, spec.attr, read.value);
          continue;
        }
      }
      this.notes.push(
        `${op.name} ${node.id}'s ${spec.attr} is read from a tensor when running, without Tensorloom's checks of its shape and bounds: tfjs raises its own errors`,
      );
      const variable = this.names.fresh(`${node.id}_${spec.attr}`);
      const reader = attrSpec.kind === 'ints' ? LIST_OF : VALUE_OF;
      setOwn(supplied.attrs, spec.attr, undefined);
      supplied.variables.set(spec.attr, variable);
      supplied.reads.push(`const ${variable} = await ${this.addHelper(reader)}(${this.expressionOf(ref)});`);
    }
    return supplied;
  }

  private planConstant({ node, op }: ResolvedNode, value: TensorLiteral, variable: string): void {
    if (op.name !== 'Const') this.notes.push(`${op.name} ${node.id} is written as a constant of its current value`);
    const port = op.outputs[0]!;
    // A Const that only supplies attributes is read when writing: the module needs no tensor of it.
    if (!this.readAsTensor(node.id) && !this.isOutput(node.id)) return;
    if (elementCount(value.shape) > INLINE_VALUES) {
      this.weights.push({ id: node.id, value });
      this.addHelper(WEIGHT);
      this.feed(node.id, port, property('weights', node.id));
      return;
    }
    this.values.set(node.id, new Map([[port, variable]]));
    this.steps.push({
      nodeId: node.id,
      before: [],
      value: { expression: tensorLiteral(value), variables: [variable] },
      composite: false,
      awaits: false,
      reads: [],
    });
  }

  /** A script as a function of its own, called on its inputs in its declared order. */
  private planScript(resolved: ResolvedNode): null {
    const { node, op, inputs } = resolved;
    const name = this.names.fresh(node.id);
    this.scripts.push({ id: node.id, name });
    this.notes.push(
      `${node.op} ${node.id} is a function of its own: what it returns is not checked against its declared outputs, nor is it stopped after its timeout, as in Tensorloom`,
    );
    if (String(node.attrs.gradient ?? '').trim())
      this.notes.push(`${node.op} ${node.id}'s gradient body is left out: the module computes values, not gradients`);
    const variables = op.outputs.map((port) => this.names.fresh(`${node.id}_${port}`));
    this.values.set(node.id, new Map(op.outputs.map((port, k) => [port, variables[k]!])));
    const args = Object.keys(op.inputs).map((port) => this.expressionOf(own(inputs, port) as PortRef));
    const call = scriptCall(node, name, args);
    const awaited = scriptAwaits(node);
    let list = call;
    if (node.op === 'TensorScript') {
      // It may hand back an input as it is, which must outlive the input; what else it makes is freed.
      const owned = args.length ? `${this.addHelper(OWN)}(${call}, [${args.join(', ')}])` : call;
      list = awaited ? `await ${this.addHelper(TIDY_AWAITING)}(async () => ${owned})` : owned;
    }
    this.steps.push({
      nodeId: node.id,
      before: [],
      value: { list, variables },
      composite: node.op === 'TensorScript' && !awaited,
      awaits: awaited,
      reads: this.readsOf(resolved),
    });
    return null;
  }

  /** Whether any node reads `id`'s value as a tensor: other than an attribute a Const supplies when writing. */
  private readAsTensor(id: string): boolean {
    const whenWriting = this.validation.nodes.get(id)!.op.kind === 'const';
    return this.validation.consumersOf(id).some((consumer) => {
      const { op, inputs } = this.validation.nodes.get(consumer)!;
      return Object.entries(inputs).some(
        ([port, refs]) =>
          !(own(op.inputs, port)!.attr && whenWriting) && ([refs].flat() as PortRef[]).some((r) => r.node === id),
      );
    });
  }

  private feed(id: string, port: string, expression: string): void {
    this.values.set(id, new Map([[port, expression]]));
    this.fed.add(expression);
  }

  /** The variables of other steps a node reads: not the inputs and weights. */
  private readsOf({ inputs }: ResolvedNode): string[] {
    return Object.values(inputs)
      .flatMap((refs) => [refs].flat() as PortRef[])
      .map((ref) => this.expressionOf(ref))
      .filter((e) => !this.fed.has(e));
  }

  private expressionOf(ref: PortRef): string {
    return this.values.get(ref.node)!.get(ref.port)!;
  }

  private typeOf(ref: PortRef): TensorType {
    return own(this.validation.nodes.get(ref.node)!.types!, ref.port)!;
  }

  private addHelper(helper: CodeHelper): string {
    const known = this.helpers.get(helper.name);
    if (known && known.source !== helper.source) throw new Error(`two helpers are named ${helper.name}`);
    if (!known) {
      for (const used of helper.uses ?? []) this.addHelper(used);
      this.helpers.set(helper.name, helper);
    }
    return helper.name;
  }

  /**
   * Nodes nothing reads, the outputs Tensorloom computes by default: a lone Placeholder is both an
   * input and an output (the GraphModel export leaves sources out of its signature).
   */
  private outputs(): PlannedOutput[] {
    return this.validation.order.flatMap((id) => {
      const { op, types } = this.validation.nodes.get(id)!;
      if (!this.isOutput(id)) return [];
      const values = this.values.get(id)!;
      return [
        {
          id,
          ports: op.outputs.map((port) => {
            const value = values.get(port)!;
            return { port, expression: this.fed.has(value) ? `tf.clone(${value})` : value, type: own(types!, port)! };
          }),
        },
      ];
    });
  }

  private isOutput(id: string): boolean {
    return this.validation.consumersOf(id).length === 0;
  }
}

function checkStatement({ failed, message }: CodeCheck): string {
  return `await check(() => ${failed}, ${message});`;
}

const awaits = (line: string) => /\bawait\b/.test(line);
