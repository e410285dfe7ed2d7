/** The web app's own words (the server words its messages itself, in the same locale). */
export type UiLocale = "nb" | "en";

export interface UiStrings {
  readonly appTitle: string;
  readonly example: string;
  readonly openFiles: string;
  readonly openFolder: string;
  readonly save: string;
  readonly format: string;
  readonly report: string;
  readonly reportFormats: { readonly html: string; readonly pdf: string; readonly docx: string };
  readonly reportBusy: string;
  readonly reportNoAgreement: string;
  readonly languageToggle: string;
  readonly languageToggleLabel: string;
  readonly files: string;
  readonly outline: string;
  readonly problems: string;
  readonly balance: string;
  readonly noProblems: string;
  readonly rule: (code: string) => string;
  readonly close: string;
  readonly starting: string;
  readonly ready: (files: number, ms: number) => string;
  readonly summary: (errors: number, warnings: number, others: number) => string;
  readonly saved: (name: string) => string;
  readonly downloaded: (name: string) => string;
  readonly tooMany: (limit: number) => string;
  readonly noHfaFiles: string;
  readonly keyboardHint: string;
  readonly editorLabel: string;
  readonly noOutline: string;
  readonly offline: string;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("nb-NO")} ${n === 1 ? one : many}`;
const pluralEn = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function listNb(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} og ${parts[parts.length - 1]}`;
}

function listEn(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

const NB: UiStrings = {
  appTitle: "HFA – samarbeidsavtaler",
  example: "Eksempel",
  openFiles: "Åpne filer …",
  openFolder: "Åpne mappe …",
  save: "Lagre",
  format: "Formater",
  report: "Styrenotat",
  reportFormats: { html: "HTML", pdf: "PDF", docx: "Word" },
  reportBusy: "Lager styrenotatet …",
  reportNoAgreement: "Sett markøren i en avtale for å lage styrenotatet for den.",
  languageToggle: "English",
  languageToggleLabel: "Switch to English",
  files: "Filer",
  outline: "Disposisjon",
  problems: "Problemer",
  balance: "Balanse",
  noProblems: "Ingen problemer i arbeidsområdet.",
  rule: (code) => `Regel ${code}`,
  close: "Lukk",
  starting: "Starter kontrollen …",
  ready: (files, ms) => `${plural(files, "fil", "filer")} kontrollert på ${ms.toLocaleString("nb-NO")} ms`,
  summary: (errors, warnings, others) => {
    const parts = [errors > 0 ? plural(errors, "feil", "feil") : "", warnings > 0 ? plural(warnings, "advarsel", "advarsler") : "", others > 0 ? plural(others, "merknad", "merknader") : ""].filter(Boolean);
    return parts.length === 0 ? "Ingen problemer" : listNb(parts);
  },
  saved: (name) => `Lagret ${name}.`,
  downloaded: (name) => `${name} er lastet ned.`,
  tooMany: (limit) => `Mappen har flere enn ${limit.toLocaleString("nb-NO")} .hfa-filer; bare de første er åpnet.`,
  noHfaFiles: "Fant ingen .hfa-filer. Velg en mappe eller filer med avtaler (.hfa).",
  keyboardHint: "Tastatur: Ctrl+M slår av og på at Tab flytter fokus ut av editoren. F8 går til neste problem, Ctrl+. viser hurtigrettinger, F12 går til definisjonen.",
  editorLabel: "Avtaletekst",
  noOutline: "Ingen deklarasjoner i filen.",
  offline: "Alt kjører i nettleseren: ingenting sendes noe sted.",
};

const EN: UiStrings = {
  appTitle: "HFA – collaboration agreements",
  example: "Example",
  openFiles: "Open files …",
  openFolder: "Open folder …",
  save: "Save",
  format: "Format",
  report: "Board memo",
  reportFormats: { html: "HTML", pdf: "PDF", docx: "Word" },
  reportBusy: "Making the board memo …",
  reportNoAgreement: "Put the cursor in an agreement to make its board memo.",
  languageToggle: "Norsk",
  languageToggleLabel: "Bytt til norsk",
  files: "Files",
  outline: "Outline",
  problems: "Problems",
  balance: "Balance",
  noProblems: "No problems in the workspace.",
  rule: (code) => `Rule ${code}`,
  close: "Close",
  starting: "Starting the checker …",
  ready: (files, ms) => `${pluralEn(files, "file", "files")} checked in ${ms.toLocaleString("en-GB")} ms`,
  summary: (errors, warnings, others) => {
    const parts = [errors > 0 ? pluralEn(errors, "error", "errors") : "", warnings > 0 ? pluralEn(warnings, "warning", "warnings") : "", others > 0 ? pluralEn(others, "note", "notes") : ""].filter(Boolean);
    return parts.length === 0 ? "No problems" : listEn(parts);
  },
  saved: (name) => `Saved ${name}.`,
  downloaded: (name) => `${name} was downloaded.`,
  tooMany: (limit) => `The folder has more than ${limit.toLocaleString("en-GB")} .hfa files; only the first were opened.`,
  noHfaFiles: "No .hfa files found. Choose a folder or files with agreements (.hfa).",
  keyboardHint: "Keyboard: Ctrl+M toggles whether Tab moves focus out of the editor. F8 goes to the next problem, Ctrl+. shows quick fixes, F12 goes to the definition.",
  editorLabel: "Agreement text",
  noOutline: "No declarations in the file.",
  offline: "Everything runs in the browser: nothing is sent anywhere.",
};

export function uiStrings(locale: UiLocale): UiStrings {
  return locale === "en" ? EN : NB;
}
