/** The `## ` section of a markdown document starting at `heading` (up to the next `## `), if any. */
export function findSection(text: string, heading: string): string | undefined {
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) return undefined;
  const next = text.indexOf('\n## ', start + heading.length);
  return text.slice(start, next < 0 ? undefined : next + 1).trimEnd();
}

/** `text` with the section under `heading` replaced by `section` (appended when absent). */
export function replaceSection(text: string, heading: string, section: string): string {
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) return `${text.trimEnd()}\n\n${section}`;
  const next = text.indexOf('\n## ', start + heading.length);
  return `${text.slice(0, start)}${section}${next < 0 ? '' : text.slice(next)}`;
}
