import { useCallback } from 'react';
import type { FittingOp } from '../../graph/port-fit';
import type { Position } from '../../graph/types';
import { searchOps } from '../palette/op-search';
import { PickList, type PickItem } from './PickList';

/**
 * A search box at the cursor: type part of an op's name, Enter places it there. Given `fitting`
 * (a wire dropped on empty canvas), only those ops are offered, and the port to wire comes along.
 */
export function QuickAdd({
  at,
  fitting,
  onPick,
  onClose,
}: {
  at: Position;
  fitting: readonly FittingOp[] | null;
  onPick: (op: string, port: string | null) => void;
  onClose: () => void;
}) {
  const search = useCallback(
    (query: string): PickItem[] => {
      const ports = fitting && new Map(fitting.map((f) => [f.op, f.port]));
      return searchOps(query)
        .filter((op) => !ports || ports.has(op.name))
        .map((op) => ({ key: op.name, label: op.name, detail: op.doc }));
    },
    [fitting],
  );
  return (
    <PickList
      at={at}
      title={fitting ? 'Add a connected node' : 'Add a node'}
      searchLabel="Search ops to add"
      listLabel="Matching ops"
      placeholder="Add op…"
      search={search}
      empty="No op fits."
      onPick={(op) => onPick(op, fitting?.find((f) => f.op === op)?.port ?? null)}
      onClose={onClose}
    />
  );
}
