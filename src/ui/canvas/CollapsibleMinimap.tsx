import { MiniMap, Panel } from '@xyflow/react';
import { useState } from 'react';

/** Small enough to leave the canvas to the graph (160×100 pixels), and folded away with one button. */
const MINIMAP_SIZE = { width: 160, height: 100 };
/** Below this window width the canvas is too narrow to spare the corner: the minimap starts folded. */
const SHOWN_FROM_WIDTH = 1280;

/** The minimap in the canvas' bottom-right corner, with the button that shows or hides it under it. */
export function CollapsibleMinimap() {
  const [shown, setShown] = useState(() => window.innerWidth >= SHOWN_FROM_WIDTH);
  return (
    <>
      {shown && <MiniMap pannable zoomable ariaLabel="Minimap" className="minimap" style={MINIMAP_SIZE} />}
      <Panel position="bottom-right" className="minimap-toggle">
        <button
          type="button"
          aria-pressed={shown}
          title={shown ? 'Hide the minimap' : 'Show the minimap'}
          onClick={() => setShown((s) => !s)}
        >
          Minimap
        </button>
      </Panel>
    </>
  );
}
