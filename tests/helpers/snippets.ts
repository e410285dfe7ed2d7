/**
 * VS Code snippet bodies as the text an author sees right after inserting
 * them: every tab stop replaced by its default (the first item of a choice),
 * mirrors by the same text, escapes undone.
 */

/** The snippet's text with every tab stop replaced by its default (first choice for choices). */
export function expandSnippet(snippet: string): string {
  const defaults = new Map<string, string>();
  let text = snippet.replace(/\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/g, (_, n: string, choices: string) => {
    const first = choices.split(/(?<!\\),/)[0]!;
    defaults.set(n, first);
    return first;
  });
  for (let i = 0; i < 5; i++) {
    text = text.replace(/\$\{(\d+):((?:[^${}\\]|\\.)*)\}/g, (_, n: string, value: string) => {
      defaults.set(n, value);
      return value;
    });
  }
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, braced: string | undefined, bare: string | undefined) => defaults.get(braced ?? bare ?? "") ?? "");
  return text.replace(/\\([\\$}|,])/g, "$1");
}
