import type { Lane } from './TimelineLanes';
import { formatMs, kernelList } from './timeline-format';

/** The lanes as a table: every step of each mode with its kernels and counts. */
export function TimelineTable({ lanes, names }: { lanes: readonly Lane[]; names: ReadonlyMap<string, string> }) {
  return (
    <table className="timeline-table" aria-label="Timeline as a table">
      <thead>
        <tr>
          <th scope="col">mode</th>
          <th scope="col">step</th>
          <th scope="col">node</th>
          <th scope="col">start</th>
          <th scope="col">time</th>
          <th scope="col">kernels</th>
          <th scope="col">readbacks</th>
          <th scope="col">uploads</th>
          <th scope="col">script calls</th>
        </tr>
      </thead>
      <tbody>
        {lanes.flatMap(({ mode, timeline }) =>
          timeline.nodes.map((cost, i) => (
            <tr key={`${mode}${i}`}>
              <td>{mode}</td>
              <td>{i + 1}</td>
              <th scope="row">{names.get(cost.nodeId) ?? cost.nodeId}</th>
              <td>{formatMs(cost.startMs)}</td>
              <td>{formatMs(cost.ms)}</td>
              <td className="timeline-kernels">{kernelList(cost)}</td>
              <td>{cost.readbacks}</td>
              <td>{cost.uploads}</td>
              <td>{cost.scriptCalls}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
