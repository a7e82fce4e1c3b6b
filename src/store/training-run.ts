import type { Remote } from 'comlink';
import type { RuntimeHost } from '../runtime/host/runtime-host';
import type { DocumentStore } from './document-store';
import { IDLE, type TrainingStore } from './training-store';

/** Steps per round trip to the runtime host: the panel updates after each, and Pause waits at most one. */
const CHUNK = 10;

/**
 * The editor's training run, driven from the page and computed in the runtime host, a chunk of
 * steps at a time. The document is untouched until the trained weights are kept (one undo step).
 */
export class TrainingRun {
  /** Bumped by each start and reset: a loop of an older run stops at its next chunk. */
  private generation = 0;

  /** `selected`: the node the panel shows; if it is a trained variable, each chunk reports it. */
  constructor(
    private readonly host: () => Remote<RuntimeHost>,
    private readonly doc: DocumentStore,
    private readonly state: TrainingStore,
    private readonly selected: () => string | null = () => null,
  ) {}

  async start(): Promise<void> {
    const { graph } = this.doc.getState();
    const setup = graph.training;
    if (!setup) return;
    const generation = ++this.generation;
    this.state.setState({ ...IDLE, status: 'starting' });
    const started = await this.host().startTraining(graph);
    if (generation !== this.generation) return;
    if (!started.ok) {
      this.state.setState({ status: 'failed', error: { message: started.error, nodeId: started.nodeId } });
      return;
    }
    this.state.setState({ status: 'running', target: started.target, points: started.points });
    await this.loop(generation);
  }

  async resume(): Promise<void> {
    const { status } = this.state.getState();
    // While pausing, the loop is still waiting for its chunk: it just carries on.
    if (status === 'pausing') this.state.setState({ status: 'running' });
    if (status !== 'paused') return;
    this.state.setState({ status: 'running' });
    await this.loop(this.generation);
  }

  /** Stops after the chunk under way, so the figures shown as paused are the ones training stands at. */
  pause(): void {
    if (this.state.getState().status === 'running') this.state.setState({ status: 'pausing' });
  }

  /** Ends the run where it stands (after the chunk under way): its weights can be kept, not trained on. */
  stop(): void {
    const { status } = this.state.getState();
    if (status === 'paused') this.state.setState({ status: 'stopped' });
    else if (status === 'running' || status === 'pausing') this.state.setState({ status: 'stopping' });
  }

  /** Drops the run: the weights stay as the document has them. */
  async reset(): Promise<void> {
    this.generation++;
    this.state.setState(IDLE);
    await this.host().stopTraining();
  }

  /** Writes the trained values into the variables, as one undo step, and ends the run. */
  async keep(): Promise<void> {
    const values = await this.host().trainedValues();
    this.doc.getState().setValues(new Map(Object.entries(values)));
    await this.reset();
  }

  private async loop(generation: number): Promise<void> {
    const current = () => generation === this.generation && this.state.getState().status === 'running';
    while (current()) {
      const { steps, target } = this.state.getState();
      const asked = performance.now();
      const chunk = await this.host().trainSteps(Math.min(CHUNK, target - steps), {
        inspect: this.selected(),
        boundary: true,
      });
      // As the user sees it: the steps, the test and the pictures after them, and the round trip.
      const ms = performance.now() - asked;
      if (generation !== this.generation) return;
      const { losses, tests } = this.state.getState();
      this.state.setState({
        steps: chunk.steps,
        epochs: chunk.epochs,
        losses: [...losses, ...chunk.losses],
        tests: chunk.test ? [...tests, { step: chunk.steps, ...chunk.test }] : tests,
        stepsPerSecond: chunk.losses.length ? (chunk.losses.length / ms) * 1000 : null,
        boundary: chunk.boundary,
        inspected: chunk.inspected,
      });
      if (chunk.failure) {
        this.state.setState({
          status: 'failed',
          error: { message: chunk.failure.error, nodeId: chunk.failure.nodeId },
        });
        return;
      }
      if (chunk.steps >= target) this.state.setState({ status: 'done' });
      else if (this.state.getState().status === 'pausing') this.state.setState({ status: 'paused' });
      else if (this.state.getState().status === 'stopping') this.state.setState({ status: 'stopped' });
    }
  }
}
