import type { Highlight } from '../../store/lessons';

/** The elements that have each role a lesson points at, by their own tag or an explicit role. */
const ROLE_SELECTORS: Readonly<Record<string, string>> = {
  button: 'button:not([role]), [role="button"]',
  radio: 'input[type="radio"], [role="radio"]',
  checkbox: 'input[type="checkbox"]:not([role]), [role="checkbox"]',
  switch: '[role="switch"]',
  combobox: 'select:not([multiple]), [role="combobox"]',
  tab: '[role="tab"]',
  textbox: 'input:not([type]), input[type="text"], input[type="search"], textarea, [role="textbox"]',
  menuitem: '[role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"]',
  region: 'section[aria-label], [role="region"]',
};

/**
 * The element a step highlights: a canvas node by id, or the first visible control whose role and
 * accessible name match (its aria-label, aria-labelledby text, label, else its text).
 */
export function findHighlight(root: ParentNode, highlight: Highlight): HTMLElement | null {
  if ('node' in highlight)
    return root.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(highlight.node)}"]`);
  const selector = Object.hasOwn(ROLE_SELECTORS, highlight.role)
    ? ROLE_SELECTORS[highlight.role]!
    : `[role="${CSS.escape(highlight.role)}"]`;
  const { name } = highlight;
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  for (const element of root.querySelectorAll<HTMLElement>(selector))
    if (element.getClientRects().length > 0 && matches(accessibleName(element))) return element;
  return null;
}

function accessibleName(element: HTMLElement): string {
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy)
    return labelledBy
      .split(/\s+/)
      .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  const labels = 'labels' in element ? (element as HTMLInputElement).labels : null;
  if (labels?.length)
    return [...labels]
      .map((l) => l.textContent ?? '')
      .join(' ')
      .trim();
  return (element.textContent ?? '').trim();
}
