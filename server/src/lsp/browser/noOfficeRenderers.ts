/**
 * The report's PDF and Word renderers in the VS Code web extension's server:
 * left out of that bundle (pdfmake and docx with their fonts would make the
 * .vsix twice its size); the web app's own worker has the real ones. HTML,
 * Markdown and JSON reports work in both.
 */
function unavailable(format: string): never {
  throw new Error(`${format} is not made in VS Code for the web: use the web app or \`hfa report --format ${format.toLowerCase()}\` / lag ${format} med web-appen eller \`hfa report\`.`);
}

export async function renderPdf(): Promise<Uint8Array> {
  return unavailable("PDF");
}

export async function renderDocx(): Promise<Uint8Array> {
  return unavailable("DOCX");
}
