import { toast } from 'sonner';

/** How long a confirmation stays: long enough to read a file name, short enough not to pile up. */
const CONFIRMATION_MS = 4000;

/** Confirms, where the eye is, that something the user asked for was done (a save, a copied link, an export). */
export function confirmDone(text: string): void {
  toast(<span role="status">{text}</span>, { duration: CONFIRMATION_MS });
}
