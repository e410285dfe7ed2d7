/** Usage and help texts (Norwegian; English with `--locale en`). */
import type { Locale } from "./locale.js";

const USAGE_NB = `Bruk: hfa <kommando> [flagg] [stier…]

Kommandoer:
  check [stier…]        sjekk avtaler (filer eller mapper, rekursivt *.hfa; standard: .)
  format [stier…]       skriv filene om til kanonisk form
  explain [KODE]        vis dokumentasjonen for en regel, f.eks. hfa explain HFA402
  init [MAPPE]          lag et nytt avtalerepo (hfa.json, felles/, avtaler/, CI)
  report FIL…           styrenotat for avtalene (html, pdf, docx, md, json)

Felles flagg:
  --locale nb|en        språk for meldinger og hjelp
  -h, --help            vis hjelp (også «hfa <kommando> --help»)
  --version             vis versjonen

Avslutningskoder: 0 ingen feil, 1 feil (eller for mange advarsler, eller
«format --check» fant endringer), 2 feil bruk, uleselig fil, ingen .hfa-filer
eller intern feil.`;

const USAGE_EN = `Usage: hfa <command> [options] [paths…]

Commands:
  check [paths…]        check agreements (files or folders, recursively *.hfa; default: .)
  format [paths…]       rewrite files in canonical form
  explain [CODE]        show a rule's documentation, e.g. hfa explain HFA402
  init [FOLDER]         create a new agreements repository (hfa.json, felles/, avtaler/, CI)
  report FILE…          board memo for the agreements (html, pdf, docx, md, json)

Common options:
  --locale nb|en        language of messages and help
  -h, --help            show help (also "hfa <command> --help")
  --version             show the version

Exit codes: 0 no errors, 1 errors (or too many warnings, or "format --check"
found changes), 2 bad usage, unreadable input, no .hfa files or an internal error.`;

const COMMANDS: Record<string, { nb: string; en: string }> = {
  check: {
    nb: `Bruk: hfa check [flagg] [stier…]

Sjekker avtalene i ett arbeidsområde, slik editoren ser dem. Arbeidsområdet er
mappen med hfa.json over den første stien (eller gjeldende mappe): alle
.hfa-filene der lastes, så navn løses og rammer summeres på tvers av dem, og
meldingene skrives for filene som gis. Uten hfa.json er arbeidsområdet bare
stiene som gis. Mapper gjennomsøkes rekursivt etter *.hfa (uten node_modules,
mapper som begynner med punktum og det «exclude» i hfa.json utelater).
Standard sti: .

Flagg:
  --format text|json|sarif|github|gitlab   utdataformat (standard: text)
  -q, --quiet           bare feil
  --verbose             også informasjon og hint (standard: feil og advarsler,
                        med antallet av resten)
  --max-warnings N      avslutt med kode 1 når det er flere enn N advarsler
  --config FIL          konfigurasjonsfil (standard: nærmeste hfa.json fra den
                        første stien og oppover til depotets rot)
  --stdin               les teksten fra standard inn (for editorer og kroker)
  --stdin-filename FIL  navnet på teksten fra standard inn (kreves med --stdin)
  --cache               gjenbruk forrige kjørings resultater for filene som ikke
                        er endret (lagret i .hfacache i arbeidsområdets rot)
  --cache-location STI  cachefilen, eller mappen den skal ligge i (i arbeidsområdet)
  --locale nb|en        språk for meldingene (standard: «locale» i hfa.json, ellers nb)
  -h, --help            vis denne hjelpen

Farger: bare i en terminal; NO_COLOR slår dem av, FORCE_COLOR på.

Avslutningskoder: 0 ingen feil og advarsler innenfor --max-warnings,
1 feil eller for mange advarsler, 2 feil bruk, uleselig fil, ingen .hfa-filer
eller intern feil.`,
    en: `Usage: hfa check [options] [paths…]

Checks the agreements in one workspace, as the editor sees them. The workspace
is the folder holding hfa.json above the first path (or the current folder):
every .hfa file there is loaded, so names resolve and frames sum across all
of them, and diagnostics are printed for the files given. Without hfa.json
the workspace is just the paths given. Folders are searched recursively for
*.hfa (without node_modules, folders starting with a dot and what "exclude"
in hfa.json leaves out). Default path: .

Options:
  --format text|json|sarif|github|gitlab   output format (default: text)
  -q, --quiet           errors only
  --verbose             information and hints too (default: errors and
                        warnings, with the number of the rest)
  --max-warnings N      exit with code 1 when there are more than N warnings
  --config FILE         configuration file (default: the nearest hfa.json from
                        the first path up to the repository root)
  --stdin               read the text from standard input (for editors and hooks)
  --stdin-filename FILE the name of the text on standard input (required with --stdin)
  --cache               reuse the last run's results for the files that did not
                        change (kept in .hfacache in the workspace root)
  --cache-location PATH the cache file, or the folder to keep it in (inside the workspace)
  --locale nb|en        language of the messages (default: "locale" in hfa.json, else nb)
  -h, --help            show this help

Colours: only on a terminal; NO_COLOR switches them off, FORCE_COLOR on.

Exit codes: 0 no errors and warnings within --max-warnings,
1 errors or too many warnings, 2 bad usage, unreadable input, no .hfa files
or an internal error.`,
  },
  init: {
    nb: `Bruk: hfa init [MAPPE]

Lager et avtalerepo: hfa.json, felles/ med et skjelett for helsefellesskapet,
avtaler/, package.json, GitHub- og GitLab-oppsett for CI, pre-commit-oppsett og
en README for sekretariatet. Filer som finnes fra før, røres ikke (de listes).
Skjelettet har felt <…> som skal fylles inn; «hfa check» går ikke gjennom før
alle er fylt inn. Standard mappe: .

Flagg:
  --locale nb|en        språk for meldingene (filene er på bokmål)
  -h, --help            vis denne hjelpen`,
    en: `Usage: hfa init [FOLDER]

Creates an agreements repository: hfa.json, felles/ with a skeleton of the
helsefellesskap, avtaler/, package.json, GitHub and GitLab CI set-ups, a
pre-commit set-up and a README for the secretariat. Files that exist are left
untouched (and listed). The skeleton has <…> fields to fill in; "hfa check"
fails until all are filled in. Default folder: .

Options:
  --locale nb|en        language of the messages (the files are in Norwegian)
  -h, --help            show this help`,
  },
  format: {
    nb: `Bruk: hfa format [--check] [stier…]

Skriver filene om til kanonisk form (to mellomroms innrykk, tusenskille med
mellomrom, à for multiplikasjon). Filer som allerede er formatert, røres ikke.
Filer med syntaksfeil formateres ikke. Standard sti: .

Flagg:
  --check               skriv ingenting; list filene som ville blitt endret og
                        avslutt med kode 1 hvis det finnes noen
  --stdin               formater standard inn til standard ut (editorer, kroker)
  --stdin-filename FIL  navnet på teksten i meldingene
  --locale nb|en        språk for meldingene
  -h, --help            vis denne hjelpen`,
    en: `Usage: hfa format [--check] [paths…]

Rewrites files in canonical form (two-space indentation, thousands grouped
with spaces, à for multiplication). Files already formatted are not touched.
Files with syntax errors are not formatted. Default path: .

Options:
  --check               write nothing; list the files that would change and
                        exit with code 1 if there are any
  --stdin               format standard input to standard output (editors, hooks)
  --stdin-filename FILE the name of the text in messages
  --locale nb|en        language of the messages
  -h, --help            show this help`,
  },
  explain: {
    nb: `Bruk: hfa explain [KODE]

Viser dokumentasjonen for en regel (f.eks. hfa explain HFA402; store og små
bokstaver er likegyldige). Uten kode: liste over alle regler.

Flagg:
  --locale nb|en        språk for regeloversikten
  -h, --help            vis denne hjelpen`,
    en: `Usage: hfa explain [CODE]

Shows the documentation of a rule (e.g. hfa explain HFA402; case does not
matter). Without a code: a list of all rules.

Options:
  --locale nb|en        language of the rule list
  -h, --help            show this help`,
  },
  report: {
    nb: `Bruk: hfa report FIL… [--format html|pdf|docx|md|json] [--out FIL|MAPPE|-] [--part PART]
       hfa report --helsefellesskap ID [STI…] [--format …] [--out …]

Styreklart dokument for hver avtale i filene: parter, formål, tiltak, egen
innsats, tilskudd og besparelser per part og år, vedtak og kontroll – tallene
fra den samme analysen som «hfa check». Se docs/report.md.

Valg:
  --format F            html (standard), pdf, docx, md eller json
  --out STI             fil (én rapport), mappe, eller - for standard ut (html, md, json)
  --part PART           utdrag for én part (navn eller kommunenummer)
  --helsefellesskap ID  oversikt over alle avtalene i helsefellesskapet mot rammen
  --date ÅÅÅÅ-MM-DD     datoen rapporten oppgir (standard: i dag)
  --config FIL          hfa.json som skal brukes
  --locale nb|en        språk i rapporten
  -h, --help            vis denne hjelpen`,
    en: `Usage: hfa report FILE… [--format html|pdf|docx|md|json] [--out FILE|DIR|-] [--part PARTY]
       hfa report --helsefellesskap ID [PATH…] [--format …] [--out …]

A board-ready document for each agreement in the files: parties, purposes,
measures, own input, grant and savings per party and year, decisions and
checks – the figures from the same analysis as "hfa check". See docs/report.md.

Options:
  --format F            html (default), pdf, docx, md or json
  --out PATH            a file (one report), a folder, or - for standard output (html, md, json)
  --part PARTY          the extract for one party (name or municipality number)
  --helsefellesskap ID  overview of all the community's agreements against the frame
  --date YYYY-MM-DD     the date the report gives (default: today)
  --config FILE         the hfa.json to use
  --locale nb|en        language of the report
  -h, --help            show this help`,
  },
};

export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

export function usage(locale: Locale): string {
  return (locale === "nb" ? USAGE_NB : USAGE_EN) + "\n";
}

export function commandHelp(command: string | undefined, locale: Locale): string {
  const entry = command !== undefined ? COMMANDS[command] : undefined;
  if (!entry) return usage(locale);
  return entry[locale] + "\n";
}
