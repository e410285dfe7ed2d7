/**
 * Using HFA in a real agreements repository (issue 10 items 1–3), each step
 * with the real tool, offline:
 *
 * - `npm pack` gives a tarball whose `bin` works after
 *   `npm install --ignore-scripts <tarball>` in an empty folder (no
 *   dependencies to fetch: everything is bundled into dist/);
 * - `hfa init` scaffolds a repository that fails `hfa check` until its
 *   placeholders are filled in, and passes once they are;
 * - its GitHub workflow's and GitLab job's shell steps, run as the runners
 *   run them; its pre-commit config (`repo: local`) and this repository's
 *   `.pre-commit-hooks.yaml` (as a remote `repo:` at a commit) under the real
 *   `pre-commit`; and the steps of this repository's `action.yml`.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

// Each test runs npm, git and pre-commit as child processes: seconds each, more on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
// .ci/run installs pre-commit from PyPI and names it in HFA_PRE_COMMIT; elsewhere Debian's package.
const PRE_COMMIT = process.env.HFA_PRE_COMMIT ?? "/usr/bin/pre-commit";

const scratch = mkdtempSync(join(tmpdir(), "hfa-repo-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment of every child: offline npm, no colours, no outer npm or CI state leaking in. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|NPM_|INIT_CWD|FORCE_COLOR|NO_COLOR|GITHUB_|RUNNER_|PRE_COMMIT)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
    npm_config_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    npm_config_cache: join(scratch, "npm-cache"),
    PRE_COMMIT_HOME: join(scratch, "pre-commit-home"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "HFA test",
    GIT_AUTHOR_EMAIL: "hfa@example.invalid",
    GIT_COMMITTER_NAME: "HFA test",
    GIT_COMMITTER_EMAIL: "hfa@example.invalid",
    HOME: join(scratch, "home"),
    ...extra,
  };
}

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command as a child process without blocking the test worker (a
 * synchronous spawn of npm or pre-commit for many seconds starves vitest's
 * own messaging).
 */
function run(file: string, args: readonly string[], cwd: string, extra: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env: childEnv(extra), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function sh(command: string, cwd: string, extra: Record<string, string> = {}): Promise<Ran> {
  return run("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", command], cwd, extra);
}

function ok(result: Ran, what: string): Ran {
  expect(result.status, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

let tarball: string;

beforeAll(async () => {
  mkdirSync(join(scratch, "home"), { recursive: true });
  const packed = ok(await run("npm", ["pack", "--pack-destination", scratch, "--json"], ROOT), "npm pack");
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  tarball = join(scratch, info!.filename);
  const files = info!.files.map((f) => f.path);
  expect(files).toEqual(expect.arrayContaining(["bin/hfa.js", "dist/cli.js", "dist/server.js", "docs/rules/HFA402.md", "docs/cli.md", "package.json"]));
  expect(files.filter((path) => /^(server|tests|grammar\/src|client\/src|node_modules)\//.test(path) || path.endsWith(".map"))).toEqual([]);
}, 180_000);

describe("the npm package", () => {
  test("installs into an empty folder with --ignore-scripts and no network; its bin runs", async () => {
    const dir = join(scratch, "empty");
    mkdirSync(dir);
    ok(await sh(`npm install --ignore-scripts --no-save "${tarball}"`, dir), "npm install tarball");
    expect(readFileSync(join(dir, "node_modules", "hfa", "package.json"), "utf8")).not.toMatch(/"dependencies"\s*:\s*\{\s*"/);
    expect(ok(await sh("node_modules/.bin/hfa --version", dir), "--version").stdout).toBe(`${PKG.version}\n`);
    expect(ok(await sh("node_modules/.bin/hfa explain HFA402", dir), "explain").stdout).toMatch(/^# HFA402/);
    writeFileSync(join(dir, "tom.hfa"), "");
    expect((await sh("node_modules/.bin/hfa check tom.hfa", dir)).status).toBe(0);
    // The report libraries (pdfmake with its fonts, docx) are bundled too: a PDF comes out with nothing else installed.
    cpSync(join(ROOT, "samples", "felles"), join(dir, "felles"), { recursive: true });
    cpSync(join(ROOT, "samples", "avtaler", "fact-innherred.hfa"), join(dir, "avtale.hfa"));
    ok(await sh("node_modules/.bin/hfa report avtale.hfa felles --format pdf --out notat.pdf", dir), "report pdf");
    expect(readFileSync(join(dir, "notat.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(readdirSync(join(dir, "node_modules")).filter((name) => !name.startsWith("."))).toEqual(["hfa"]);
  });
});

/** Test values for the scaffold's placeholders (test data, as a secretariat would fill them in). */
const FILLED: Record<string, string> = {
  "<kortnavn-for-helsefellesskapet>": "Testfellesskap",
  "<helsefellesskapets offisielle navn>": "Helsefellesskapet i Testfylke",
  "<regionalt helseforetak>": "Helse Midt-Norge",
  "<kortnavn-for-helseforetaket>": "TestHF",
  "<helseforetakets offisielle navn>": "Test HF",
  "<kortnavn-for-sykehuset>": "TestSH",
  "<sykehusets navn>": "Test sjukehus",
  "<sykehustype>": "akuttsykehus",
  "<kortnavn-for-kommunen>": "Testby",
  "<kommunens offisielle navn>": "Testby kommune",
  "<kommunenummer>": "5001",
};

function fillIn(repo: string): void {
  const path = join(repo, "felles", "helsefellesskap.hfa");
  let text = readFileSync(path, "utf8");
  for (const [placeholder, value] of Object.entries(FILLED)) text = text.split(placeholder).join(value);
  const code = text.split("\n").filter((line) => !line.trimStart().startsWith("//")).join("\n");
  expect(code).not.toMatch(/<[^>\n]*\p{L}[^>\n]*>/u);
  writeFileSync(path, text);
}

/** A repository made by `hfa init` with the tarball installed as a pinned dev dependency, and git initialised. */
async function scaffold(name: string): Promise<string> {
  const repo = join(scratch, name);
  const init = ok(await sh(`node "${join(ROOT, "bin", "hfa.js")}" init "${repo}"`, scratch), "hfa init");
  expect(init.stdout).toContain("Opprettet i");
  expect(init.stdout).toContain("«hfa check» går ikke");
  expect(init.stdout).toContain(`npm install --save-dev --save-exact hfa@${PKG.version}`);
  ok(await sh(`npm install --save-dev --save-exact --ignore-scripts "${tarball}"`, repo), "npm install --save-dev");
  ok(await sh("git init -q . && git add -A", repo), "git init");
  return repo;
}

describe("hfa init", () => {
  test("scaffolds every file; fails check until the placeholders are filled in; never overwrites", async () => {
    const repo = await scaffold("init");
    for (const path of ["hfa.json", "felles/helsefellesskap.hfa", "avtaler/README.md", "package.json", ".github/workflows/hfa.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml", "README.md"]) {
      expect(existsSync(join(repo, path)), path).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(Object.keys(pkg.devDependencies)).toEqual(["hfa"]);

    const unfilled = await sh("npx --no hfa check", repo);
    expect(unfilled.status).toBe(1);
    // Every placeholder is HFA011 (spec §2), and nothing else is wrong with the skeleton.
    const codes = [...unfilled.stdout.matchAll(/^felles\/helsefellesskap\.hfa:\d+:\d+ {2}feil {2}(HFA\d{3}) /gm)].map((m) => m[1]);
    expect(codes.length).toBe(Object.keys(FILLED).length);
    expect(new Set(codes)).toEqual(new Set(["HFA011"]));

    // Run again on the same folder: everything skipped, nothing changed, and it says so.
    writeFileSync(join(repo, "README.md"), "Vår egen README\n");
    const again = ok(await sh(`npx --no hfa init .`, repo), "init again");
    expect(again.stdout).toContain("Hoppet over (finnes fra før, ikke endret):\n  hfa.json\n");
    expect(again.stdout).toContain("  README.md\n");
    expect(again.stdout).not.toContain("Opprettet i");
    expect(readFileSync(join(repo, "README.md"), "utf8")).toBe("Vår egen README\n");

    fillIn(repo);
    const filled = ok(await sh("npx --no hfa check", repo), "check after filling in");
    expect(filled.stdout).toContain("0 feil, 0 advarsler i 1 fil");
  });

  test("a path that is a file, and a second folder argument, are exit 2", async () => {
    writeFileSync(join(scratch, "enfil"), "");
    const run = await sh(`node "${join(ROOT, "bin", "hfa.js")}" init enfil`, scratch);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("hfa: kan ikke skrive enfil: finnes og er ikke en mappe\n");
    expect((await sh(`node "${join(ROOT, "bin", "hfa.js")}" init a b`, scratch)).status).toBe(2);
  });
});

interface WorkflowStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  if?: string;
}

function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "cli", "sarif-schema-2.1.0.json"), "utf8")) as object);
}

describe("the scaffold's CI set-ups", () => {
  test("GitHub workflow: its run steps pass once filled in (annotations, then a valid SARIF file); the check step fails before", async () => {
    const repo = await scaffold("github");
    const workflow = load(readFileSync(join(repo, ".github", "workflows", "hfa.yml"), "utf8")) as { jobs: Record<string, { steps: WorkflowStep[] }>; permissions: Record<string, string> };
    expect(workflow.permissions["security-events"]).toBe("write");
    const steps = Object.values(workflow.jobs)[0]!.steps;
    expect(steps.filter((s) => s.uses).map((s) => s.uses!.split("@")[0])).toEqual(["actions/checkout", "actions/setup-node", "github/codeql-action/upload-sarif"]);
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))!;

    const runAll = async () => {
      const results: { name: string; result: Ran }[] = [];
      for (const step of steps.filter((s) => s.run)) results.push({ name: step.name ?? step.run!, result: await sh(step.run!, repo, { CI: "true", GITHUB_ACTIONS: "true" }) });
      return results;
    };
    const before = await runAll();
    expect(before.find((s) => s.name === "Sjekk avtalene")!.result.status).toBe(1);
    expect(before.find((s) => s.name === "Sjekk avtalene")!.result.stdout).toMatch(/^::error file=felles\/helsefellesskap\.hfa,line=\d+/m);
    expect(before.find((s) => s.name === "Lag SARIF-rapport")!.result.status).toBe(0);

    fillIn(repo);
    rmSync(join(repo, "node_modules"), { recursive: true, force: true }); // `npm ci` must bring it back from the lock file
    for (const step of await runAll()) expect(step.result.status, `${step.name}\n${step.result.stdout}${step.result.stderr}`).toBe(0);
    const sarif = JSON.parse(readFileSync(join(repo, upload.with!.sarif_file!), "utf8")) as object;
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
  });

  test("GitLab job: its script lines pass once filled in and write a Code Quality report; the job fails before", async () => {
    const repo = await scaffold("gitlab");
    const ci = load(readFileSync(join(repo, ".gitlab-ci.yml"), "utf8")) as Record<string, { script: string[]; artifacts: { when: string; reports: { codequality: string } } }>;
    const job = ci.hfa!;
    expect(job.artifacts.when).toBe("always");
    const report = join(repo, job.artifacts.reports.codequality);
    /** GitLab runs the lines in order and stops at the first that fails. */
    const runJob = async () => {
      for (const line of job.script) {
        const result = await sh(line, repo, { CI: "true", GITLAB_CI: "true" });
        if (result.status !== 0) return { failed: line, result };
      }
      return { failed: undefined, result: undefined };
    };
    const before = await runJob();
    expect(before.failed).toBe("npx --no hfa check");
    const issues = JSON.parse(readFileSync(report, "utf8")) as { check_name: string; severity: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.severity === "major")).toBe(true);

    fillIn(repo);
    const after = await runJob();
    expect(after.failed, after.result ? after.result.stdout + after.result.stderr : "").toBeUndefined();
    expect(JSON.parse(readFileSync(report, "utf8"))).toEqual([]);
  });
});

describe("pre-commit", () => {
  beforeAll(() => {
    // Under CI the tool must be there (.ci/run installs it); a missing tool is a failure, never a skip.
    expect(existsSync(PRE_COMMIT), `${PRE_COMMIT} is missing: pip install pre-commit (and set HFA_PRE_COMMIT), or apt-get install -y pre-commit`).toBe(true);
  });

  test("the scaffold's .pre-commit-config.yaml (repo: local): fails before filling in, passes after", async () => {
    const repo = await scaffold("precommit-local");
    const before = await sh(`${PRE_COMMIT} run --all-files --color never`, repo);
    expect(before.status).toBe(1);
    expect(before.stdout).toMatch(/hfa check\.+Failed/);
    fillIn(repo);
    ok(await sh(`git add -A && ${PRE_COMMIT} run --all-files --color never`, repo), "pre-commit after filling in");
  });

  test("this repository's .pre-commit-hooks.yaml as a remote repo at a commit: hfa-check and hfa-format run on the staged .hfa files", async () => {
    const hooks = join(scratch, "hooks-repo");
    mkdirSync(hooks);
    cpSync(join(ROOT, ".pre-commit-hooks.yaml"), join(hooks, ".pre-commit-hooks.yaml"));
    ok(await sh("git init -q . && git add -A && git commit -qm hooks", hooks), "hooks repo");
    const sha = ok(await sh("git rev-parse HEAD", hooks), "rev-parse").stdout.trim();

    const repo = await scaffold("precommit-remote");
    fillIn(repo);
    writeFileSync(
      join(repo, ".pre-commit-config.yaml"),
      `repos:\n  - repo: ${hooks}\n    rev: ${sha}\n    hooks:\n      - id: hfa-check\n      - id: hfa-format\n`,
    );
    ok(await sh(`git add -A && ${PRE_COMMIT} run --all-files --color never`, repo), "pre-commit with the remote hooks");

    // An unformatted file: hfa-format rewrites it and the hook fails, as formatters do; the next run passes.
    const path = join(repo, "felles", "helsefellesskap.hfa");
    writeFileSync(path, readFileSync(path, "utf8").replace('  region "Helse Midt-Norge"', '      region "Helse Midt-Norge"'));
    const unformatted = await sh(`git add -A && ${PRE_COMMIT} run --all-files --color never`, repo);
    expect(unformatted.status).toBe(1);
    expect(unformatted.stdout).toMatch(/hfa check\.+Passed/);
    expect(unformatted.stdout).toMatch(/hfa format\.+Failed/);
    expect(readFileSync(path, "utf8")).toContain('\n  region "Helse Midt-Norge"');
    ok(await sh(`git add -A && ${PRE_COMMIT} run --all-files --color never`, repo), "pre-commit after formatting");

    // A broken agreement staged: hfa-check fails and names it.
    writeFileSync(join(repo, "avtaler", "ny.hfa"), 'avtale Ny "Ny avtale" {\n  parter TestHF, Ukjentby\n}\n');
    const broken = await sh(`git add -A && ${PRE_COMMIT} run --files avtaler/ny.hfa --color never`, repo);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/hfa check\.+Failed/);
    expect(broken.stdout).toMatch(/^avtaler\/ny\.hfa:\d+:\d+ {2}feil {2}HFA101 {2}Ukjent navn «Ukjentby»/m);
  });
});

describe("action.yml (composite action)", () => {
  interface Action {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, { value: string }>;
    runs: { using: string; steps: WorkflowStep[] };
  }

  /** Runs the action's `run` steps as the runner does: expressions substituted, GITHUB_ENV carried over, GITHUB_OUTPUT per step. */
  async function runAction(repo: string, inputs: Record<string, string>) {
    const action = load(readFileSync(join(ROOT, "action.yml"), "utf8")) as Action;
    expect(action.runs.using).toBe("composite");
    const values = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, inputs[name] ?? spec.default ?? ""]));
    const outputs: Record<string, Record<string, string>> = {};
    const envFile = join(repo, ".github-env");
    writeFileSync(envFile, "");
    const expand = (text: string) =>
      text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
        let m: RegExpExecArray | null;
        if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return values[m[1]!] ?? "";
        if (expr === "github.action_path") return ROOT;
        if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return outputs[m[1]!]?.[m[2]!] ?? "";
        throw new Error(`expression the test does not know: ${expr}`);
      });
    const readPairs = (file: string) =>
      Object.fromEntries(
        readFileSync(file, "utf8")
          .split("\n")
          .filter((line) => line.includes("="))
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
    const results: { name: string; status: number | null; stdout: string; stderr: string }[] = [];
    const skipped: string[] = [];
    let failed = false;
    for (const [index, step] of action.runs.steps.entries()) {
      if (!step.run) {
        skipped.push(step.uses!);
        continue;
      }
      // `if: !cancelled()` steps run after a failure; steps without `if` do not.
      if (failed && !(step.if ?? "").includes("!cancelled()")) continue;
      const outputFile = join(repo, `.github-output-${index}`);
      writeFileSync(outputFile, "");
      const env = { ...readPairs(envFile), ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])), GITHUB_ENV: envFile, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: ROOT, CI: "true" };
      const result = await sh(expand(step.run), repo, env);
      results.push({ name: step.name ?? step.run, status: result.status, stdout: result.stdout, stderr: result.stderr });
      if (step.id) outputs[step.id] = readPairs(outputFile);
      if (result.status !== 0) failed = true;
    }
    const actionOutputs = Object.fromEntries(Object.entries(action.outputs).map(([name, spec]) => [name, expand(spec.value)]));
    return { results, skipped, outputs: actionOutputs };
  }

  test("in a scaffolded repository: annotations, a valid SARIF file as output, and the result step passes once filled in", async () => {
    const repo = await scaffold("action");
    fillIn(repo);
    const run = await runAction(repo, {});
    expect(run.skipped).toEqual(["github/codeql-action/upload-sarif@v3"]);
    for (const step of run.results) expect(step.status, `${step.name}\n${step.stdout}${step.stderr}`).toBe(0);
    expect(run.results[0]!.stdout).toBe(`${PKG.version}\n`); // the repository's own pinned hfa
    expect(run.outputs["sarif-file"]).toBe("hfa.sarif");
    const validate = sarifValidator();
    expect(validate(JSON.parse(readFileSync(join(repo, "hfa.sarif"), "utf8"))), JSON.stringify(validate.errors)).toBe(true);
  });

  test("errors fail the action after annotating them; paths and max-warnings are passed on", async () => {
    const repo = await scaffold("action-errors");
    const run = await runAction(repo, { paths: "felles", "max-warnings": "0" });
    const check = run.results.find((s) => s.name === "Sjekk avtalene")!;
    expect(check.status).toBe(0); // the status is recorded, the verdict comes last
    expect(check.stdout).toMatch(/^::error file=felles\/helsefellesskap\.hfa,/m);
    expect(run.results.find((s) => s.name === "Lag SARIF-rapport")!.status).toBe(0);
    expect(run.results.at(-1)!.name).toBe("Resultat");
    expect(run.results.at(-1)!.status).toBe(1);

    const missing = await runAction(repo, { paths: "finnes-ikke" });
    expect(missing.results.find((s) => s.name === "Sjekk avtalene")!.status).toBe(2);
    expect(missing.results.find((s) => s.name === "Sjekk avtalene")!.stderr).toContain("hfa: kan ikke lese finnes-ikke: finnes ikke");
  });
});
