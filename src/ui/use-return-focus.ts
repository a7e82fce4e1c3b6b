import { useEffect, useState } from 'react';

/**
 * Gives the focus back, when the calling popover closes, to what had it when it opened — unless the
 * user moved it elsewhere meanwhile (a click outside): Esc then leaves the user where they were.
 */
export function useReturnFocus(): void {
  // Read while rendering: by the time effects run, an autofocused field of the popover has the focus.
  const [before] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      const now = document.activeElement;
      if ((now === null || now === document.body) && before instanceof HTMLElement && before.isConnected)
        before.focus();
    },
    [before],
  );
}
