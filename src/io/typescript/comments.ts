/** How wide the module's lines are, as the project's own comments are. */
const WIDTH = 100;

/**
 * A doc comment of `paragraphs`, each wrapped at word boundaries to fit the width, with blank lines
 * between them; `*\/` in user text (a graph's name) is broken so that it cannot end the comment.
 * `verbatim` lines (an example of use) come last, indented and unwrapped.
 */
export function docComment(paragraphs: readonly string[], verbatim: readonly string[] = []): string[] {
  const body = [
    ...paragraphs.flatMap((p) => p.split('\n')).map((p) => wrap(p, WIDTH - 3)),
    ...(verbatim.length ? [verbatim.map((line) => `  ${line}`)] : []),
  ];
  const lines = body.flatMap((block, k) => [...(k ? [''] : []), ...block]);
  return ['/**', ...lines.map((line) => ` * ${line.replace(/\*\//g, '*\\/')}`.trimEnd()), ' */'];
}

/** `text` in lines of at most `width` characters where its words allow. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}
