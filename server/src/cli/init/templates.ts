/**
 * The files `hfa init` writes: an agreements repository ready for the
 * editor, CI and pre-commit. Every fact the secretariat must decide is a
 * `<…>` placeholder (spec §2) — never a made-up name, number or amount —
 * so the scaffold fails `hfa check` (HFA011, one per placeholder) until it is
 * filled in.
 *
 * The CI files run the `hfa` the repository pins in its package.json
 * (`npm ci`, then `npx --no hfa`), so CI, pre-commit and every secretariat
 * member's machine check with the same version.
 */

export interface ScaffoldFile {
  /** `/`-separated, relative to the folder being initialised. */
  readonly path: string;
  readonly text: string;
}

const HFA_JSON = `{
  "locale": "nb",
  "exclude": []
}
`;

const HELSEFELLESSKAP = `// Helsefellesskapet: helseforetaket med sykehusene, og kommunene som er med.
// Fyll inn alt som står i <…>, og ta med én «sykehus»-linje per sykehus og én
// «kommune»-linje per kommune. «hfa check» går ikke gjennom før alle feltene er
// fylt inn: hvert <…> som står igjen, er en feil (HFA011).
//
// Kortnavnene (f.eks. MøreRomsdal, HMR, Molde) er de avtalene bruker; de skal
// være ett ord uten mellomrom. Navnene i anførselstegn er de offisielle navnene
// som står i styrenotatene. Sykehustype er regionsykehus, stort-akuttsykehus,
// akuttsykehus eller sykehus-uten-akuttfunksjon (se docs/language.md i HFA).

helsefellesskap <kortnavn-for-helsefellesskapet> "<helsefellesskapets offisielle navn>" {
  region "<regionalt helseforetak>"

  helseforetak <kortnavn-for-helseforetaket> "<helseforetakets offisielle navn>" {
    sykehus <kortnavn-for-sykehuset> "<sykehusets navn>" <sykehustype>
  }

  kommune <kortnavn-for-kommunen> "<kommunens offisielle navn>" nr "<kommunenummer>"
}
`;

const AVTALER_README = `# Avtaler

Her ligger samarbeidsavtalene, én fil per avtale (\`navn-på-tiltaket.hfa\`).

Ny avtale i VS Code: åpne kommandopaletten og velg **HFA: Ny avtale**. Malen
fyller inn \`<…>\` der dere må bestemme noe selv; «hfa check» melder hvert felt
som står igjen.

Navnene fra \`felles/\` (helsefellesskapet, helseforetaket, kommunene) kan brukes
direkte i avtalene.
`;

const PACKAGE_JSON = `{
  "name": "helsefellesskap-avtaler",
  "private": true,
  "description": "Samarbeidsavtaler om rekrutterings- og samhandlingstilskuddet, sjekket med HFA",
  "scripts": {
    "check": "hfa check",
    "format": "hfa format"
  }
}
`;

const GITHUB_WORKFLOW = `# Sjekker avtalene ved hver push og pull request: merknader rett i pull
# requesten (--format github) og en SARIF-rapport til kodeskanning
# (Security → Code scanning), der hver regel har forklaringen sin.
name: HFA

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  security-events: write

jobs:
  sjekk:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - name: Installer HFA (versjonen i package-lock.json)
        run: npm ci --no-audit --no-fund
      - name: Sjekk avtalene
        run: npx --no hfa check --format github
      - name: Lag SARIF-rapport
        if: \${{ !cancelled() }}
        # 1 betyr at det er feil i avtalene (de vises i steget over); 2 betyr at sjekken ikke kunne kjøre.
        run: npx --no hfa check --format sarif > hfa.sarif || [ $? -eq 1 ]
      - name: Last opp til kodeskanning
        if: \${{ !cancelled() }}
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: hfa.sarif
          category: hfa
`;

const GITLAB_CI = `# Sjekker avtalene i hver pipeline. Rapporten (Code Quality) viser funnene i
# merge requesten; jobben feiler når avtalene har feil.
hfa:
  image: node:20
  cache:
    key:
      files: [package-lock.json]
    paths: [.npm/]
  script:
    - npm ci --cache .npm --prefer-offline --no-audit --no-fund
    # 1 betyr at det er feil i avtalene (neste linje viser dem og feiler jobben); 2 betyr at sjekken ikke kunne kjøre.
    - npx --no hfa check --format gitlab > gl-code-quality-report.json || [ $? -eq 1 ]
    - npx --no hfa check
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
`;

const PRE_COMMIT_CONFIG = `# pre-commit (https://pre-commit.com): sjekker og formaterer .hfa-filene før
# hver commit. Slå på med «pre-commit install». Krokene bruker den HFA-versjonen
# repoet har i package.json («npm install» først).
repos:
  - repo: local
    hooks:
      - id: hfa-check
        name: hfa check
        entry: npx --no hfa check
        language: system
        files: \\.hfa$
        require_serial: true
      - id: hfa-format
        name: hfa format
        entry: npx --no hfa format
        language: system
        files: \\.hfa$
`;

const GITIGNORE = `node_modules/
.hfacache
hfa.sarif
gl-code-quality-report.json
`;

const README = `# Samarbeidsavtaler i helsefellesskapet

Dette repoet holder helsefellesskapets samarbeidsavtaler om
rekrutterings- og samhandlingstilskuddet, skrevet i HFA-språket. HFA sjekker
at avtalene har det tilskuddsordningen krever, at regnestykkene går opp, og at
helsefellesskapet holder seg innenfor rammen.

## Slik er repoet bygd opp

| Mappe eller fil | Innhold |
| --- | --- |
| \`felles/\` | Helsefellesskapet: helseforetaket, sykehusene og kommunene. Brukes av alle avtalene. |
| \`avtaler/\` | Én fil per avtale. |
| \`hfa.json\` | Innstillinger for HFA (språk, regler, mapper som ikke skal sjekkes). |
| \`.github/workflows/hfa.yml\` | Sjekken på GitHub. |
| \`.gitlab-ci.yml\` | Sjekken på GitLab. |
| \`.pre-commit-config.yaml\` | Sjekk før hver commit (valgfritt). |

## Først: fyll inn feltene

Filene er laget med felt som ser slik ut: \`<helseforetakets offisielle navn>\`.
Bytt hvert av dem ut med det som gjelder for dere. Sjekken går ikke gjennom
før alle er fylt inn – den melder hvert felt som står igjen.

## Sjekk avtalene

\`\`\`
npm install
npx hfa check
\`\`\`

«0 feil» betyr at avtalene oppfyller reglene. Hver melding har en regelkode
(f.eks. HFA402); \`npx hfa explain HFA402\` forklarer hva regelen krever og
hvordan dere retter det.

I VS Code med HFA-utvidelsen vises de samme meldingene mens dere skriver.

## Oppdater HFA

Versjonen står i \`package.json\`. Bytt den ut med den nye versjonen og kjør
\`npm install\`; CI og alle som jobber i repoet bruker da samme versjon.
`;

export const SCAFFOLD: readonly ScaffoldFile[] = [
  { path: "hfa.json", text: HFA_JSON },
  { path: "felles/helsefellesskap.hfa", text: HELSEFELLESSKAP },
  { path: "avtaler/README.md", text: AVTALER_README },
  { path: "package.json", text: PACKAGE_JSON },
  { path: ".github/workflows/hfa.yml", text: GITHUB_WORKFLOW },
  { path: ".gitlab-ci.yml", text: GITLAB_CI },
  { path: ".pre-commit-config.yaml", text: PRE_COMMIT_CONFIG },
  { path: ".gitignore", text: GITIGNORE },
  { path: "README.md", text: README },
];
