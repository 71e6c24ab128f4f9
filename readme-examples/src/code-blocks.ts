/** Fenced code blocks of a Markdown file, in order, with the line each starts on. */
export interface CodeBlock {
  /** `path#n`: the file relative to the repository root and the block's ordinal (1-based). */
  id: string;
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;

export function codeBlocks(path: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let open: { fence: string; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const match = FENCE.exec(text);
    if (open) {
      if (match && match[2]!.startsWith(open.fence) && text.trim() === match[2]) {
        blocks.push({
          id: `${path}#${blocks.length + 1}`,
          lang: open.lang,
          code: open.body.join('\n'),
          line: open.line,
        });
        open = undefined;
      } else {
        open.body.push(text);
      }
      return;
    }
    if (match) open = { fence: match[2]!, lang: match[3]!.toLowerCase(), line: index + 1, body: [] };
  });
  if (open) throw new Error(`${path}:${open.line}: code block never closed`);
  return blocks;
}

/** The command lines of a shell block: comments and blank lines dropped, trailing `# …` removed. */
export function shellCommands(code: string): string[] {
  return code
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
