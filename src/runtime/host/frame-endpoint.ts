import type { Endpoint } from 'comlink';

/**
 * A comlink endpoint between two windows that ignores messages from any other window, so that
 * neither side answers a frame it did not create (or the page that created it).
 */
export function frameEndpoint(peer: Window, self: Window = window): Endpoint {
  const listeners = new Map<EventListenerOrEventListenerObject, EventListener>();
  return {
    // The sandboxed frame's origin is opaque ("null"), so no narrower target origin exists.
    postMessage: (message, transfer) => peer.postMessage(message, '*', transfer),
    addEventListener: (type, listener) => {
      const filtered: EventListener = (event) => {
        if ((event as MessageEvent).source !== peer) return;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      listeners.set(listener, filtered);
      self.addEventListener(type, filtered);
    },
    removeEventListener: (type, listener) => {
      const filtered = listeners.get(listener);
      if (filtered) self.removeEventListener(type, filtered);
      listeners.delete(listener);
    },
  };
}

/** The message the runtime host sends its parent once it can take calls. */
export const HOST_READY = 'tensorloom:runtime-host-ready';
