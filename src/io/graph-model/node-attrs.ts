import { checkAttr } from '../../graph/attrs';
import type { AnyOpSignature } from '../../graph/op-signature';
import { own, setOwn } from '../../graph/own';
import { attrFromTf, type TfAttrs, type TfAttrValue } from '../../graph/tf-mapping';
import type { AttrValue } from '../../graph/types';

/**
 * TF attributes that tell TensorFlow's kernels how to run, not what to compute: type parameters
 * (`T`, `Tidx`, `SrcT`), list lengths (`N`), `_`-prefixed annotations, GPU hints.
 */
const KERNEL_ONLY = /^(_.*|T|T[a-z]+|T[A-Z]\w*|SrcT|Truncate|N|use_cudnn_on_gpu)$/;

export interface NodeAttrs {
  readonly attrs: Record<string, AttrValue>;
  /** Why the node cannot compute what TensorFlow does: an attribute value Tensorloom lacks. */
  readonly refusal: string | null;
  /** TF attributes that were set and that Tensorloom does not read. */
  readonly unread: readonly string[];
}

/**
 * A node's attributes from its TF attributes: by the op's mapping where it has one, else each
 * from the TF attribute of the same name, read by its kind. An attribute that an input supplies
 * is left to that input.
 */
export function attrsFromTf(op: AnyOpSignature, tfAttrs: TfAttrs, connected: (port: string) => boolean): NodeAttrs {
  const read = new Set<string>();
  const mapping = op.tf;
  let attrs: Record<string, AttrValue> = {};
  if (mapping?.importAttrs) {
    // What the mapping gives counts as read, under the TF names of what it gives.
    const mapped = mappedAttrs(mapping.importAttrs, tfAttrs);
    if (typeof mapped === 'string') return { attrs, refusal: mapped, unread: [] };
    attrs = { ...mapped };
  }
  for (const [name, spec] of Object.entries(op.attrs)) {
    const tfName = (mapping?.attrNames && own(mapping.attrNames, name)) ?? name;
    read.add(tfName);
    if (Object.hasOwn(attrs, name)) {
      const problem = checkAttr(spec, own(attrs, name)!);
      if (problem) return { attrs, refusal: `attribute ${tfName}: ${problem}`, unread: [] };
      continue;
    }
    if (spec.port && connected(spec.port)) continue;
    const value = own(tfAttrs, tfName);
    if (value === undefined) continue;
    const decoded = attrFromTf(spec, value);
    const problem = 'problem' in decoded ? decoded.problem : checkAttr(spec, decoded.value);
    if (problem) return { attrs, refusal: `attribute ${tfName}: ${problem}`, unread: [] };
    setOwn(attrs, name, (decoded as { value: AttrValue }).value);
  }
  for (const name of mapping?.ignores ?? []) read.add(name);
  const unread = Object.entries(tfAttrs)
    .filter(([name, value]) => !read.has(name) && !KERNEL_ONLY.test(name) && !isTypeParameter(value) && !isEmpty(value))
    .map(([name]) => name);
  return { attrs, refusal: null, unread };
}

/**
 * What an op's own reading of TF attributes gives. It is the op's code meeting the file's data, so
 * a value it did not expect refuses the node (it becomes Unsupported) rather than the whole import.
 */
function mappedAttrs(
  importAttrs: NonNullable<NonNullable<AnyOpSignature['tf']>['importAttrs']>,
  tfAttrs: TfAttrs,
): Readonly<Record<string, AttrValue>> | string {
  try {
    return importAttrs(tfAttrs);
  } catch (error) {
    return `its attributes could not be read (${String(error)})`;
  }
}

/**
 * A dtype (StridedSlice's `Index`, a `Tout` list): Tensorloom's ops take their dtypes from their
 * inputs, and an attribute that sets one (Cast's `DstT`) is read as the op's own.
 */
function isTypeParameter(value: TfAttrValue): boolean {
  return value.type !== undefined || (value.list?.type?.length ?? 0) > 0;
}

/** A value that says nothing: an empty list or string, false, zero. */
function isEmpty(value: TfAttrValue): boolean {
  if (value.list) return Object.values(value.list).every((items) => !items?.length);
  if (value.s !== undefined) return value.s === '';
  if (value.b !== undefined) return !value.b;
  if (value.i !== undefined) return Number(value.i) === 0;
  return false;
}
