/**
 * Workspace folders as workspaces: each folder is its own workspace (its own
 * namespace and its own `hfa.json`) unless it lies inside another folder,
 * when it joins that one. Two repositories opened side by side therefore
 * never see each other's names (no false HFA102) and each keeps its own
 * configuration. Files outside every folder join the first workspace.
 *
 * `setFile`/`removeFile`/`file` route a URI to its workspace, so the
 * document store works on all of them as on one.
 */
import { join } from "node:path";
import { Workspace, type SourceFile } from "../analysis/index.js";
import { ServerConfig, type HfaSettings } from "./config.js";
import { isInside, pathToUri, uriToPath } from "./indexer.js";

export interface Space {
  /** The outermost folder of the group (undefined for the one workspace without folders). */
  readonly root: string | undefined;
  /** Every folder of the group, the outermost first. */
  readonly roots: readonly string[];
  readonly workspace: Workspace;
  readonly config: ServerConfig;
}

/** What the document store needs of the workspaces. */
export interface FileStore {
  setFile(uri: string, text: string): SourceFile;
  removeFile(uri: string): boolean;
  file(uri: string): SourceFile | undefined;
}

/** URIs whose workspace `forUri` remembers at the most (far more than a workspace holds files). */
const MAX_REMEMBERED = 100_000;

export class Workspaces implements FileStore {
  private spaces: Space[] = [];
  private settings: HfaSettings = {};
  /** `forUri`'s answers until the next regrouping: it parses the URI and compares paths, and a run asks it for every file. */
  private spaceOf = new Map<string, Space>();

  constructor(private initOptions: HfaSettings) {
    this.regroup([]);
  }

  /** `initialize`: the client's options, for every workspace made from now on (its display language is not consulted: spec §7). */
  configure(initOptions: HfaSettings): void {
    this.initOptions = initOptions;
    this.regroup(this.spaces.flatMap((space) => space.roots));
  }

  /** Regroups the folders (client order kept for the outermost ones); every workspace starts empty. */
  regroup(roots: readonly string[]): void {
    const groups: { root: string; roots: string[] }[] = [];
    // Outermost first, so a folder inside another finds its group.
    const byDepth = [...roots].sort((a, b) => a.length - b.length);
    for (const root of byDepth) {
      const group = groups.find((g) => isInside(g.root, root));
      if (group) group.roots.push(root);
      else groups.push({ root, roots: [root] });
    }
    groups.sort((a, b) => roots.indexOf(a.root) - roots.indexOf(b.root));
    const made = groups.map((g): Space => ({ root: g.root, roots: g.roots, workspace: new Workspace(), config: this.newConfig() }));
    this.spaces = made.length > 0 ? made : [{ root: undefined, roots: [], workspace: new Workspace(), config: this.newConfig() }];
    this.spaceOf = new Map();
    for (const space of this.spaces) space.config.apply(space.workspace);
  }

  private newConfig(): ServerConfig {
    const config = new ServerConfig(this.initOptions);
    config.setSettings(this.settings);
    return config;
  }

  all(): readonly Space[] {
    return this.spaces;
  }

  /** The first workspace: its configuration words the server's own messages. */
  get primary(): Space {
    return this.spaces[0]!;
  }

  forUri(uri: string): Space {
    // One workspace holds every file, inside its folders or not: nothing to look up (the usual
    // case; the path work below was ~10 ms of indexing 1 005 files).
    if (this.spaces.length === 1) return this.spaces[0]!;
    let found = this.spaceOf.get(uri);
    if (found) return found;
    const path = uriToPath(uri);
    if (path !== undefined) found = this.spaces.find((space) => space.roots.some((root) => isInside(root, path)));
    found ??= this.spaces[0]!;
    // Bounded: entries come from files and documents, and one that is gone costs only its key.
    if (this.spaceOf.size >= MAX_REMEMBERED) this.spaceOf.clear();
    this.spaceOf.set(uri, found);
    return found;
  }

  /** The `hfa.json` URI that configures a workspace (at its outermost folder). */
  configUriOf(space: Space): string | undefined {
    return space.root === undefined ? undefined : pathToUri(join(space.root, "hfa.json"));
  }

  /** An `hfa.json` (open or on disk) changed: it configures its own workspace only. */
  setConfigFile(uri: string, text: string | undefined): void {
    const space = this.forUri(uri);
    if (this.configUriOf(space) !== uri && space.root !== undefined) return; // a nested folder's hfa.json: its group is configured at the top
    space.config.setFile(uri, text);
    space.config.apply(space.workspace);
  }

  setSettings(settings: HfaSettings): void {
    this.settings = settings;
    for (const space of this.spaces) {
      space.config.setSettings(settings);
      space.config.apply(space.workspace);
    }
  }

  setFile(uri: string, text: string): SourceFile {
    return this.forUri(uri).workspace.setFile(uri, text);
  }

  removeFile(uri: string): boolean {
    return this.forUri(uri).workspace.removeFile(uri);
  }

  file(uri: string): SourceFile | undefined {
    return this.forUri(uri).workspace.file(uri);
  }

  /** Line index of a workspace file or of an `hfa.json`, for positions. */
  lines(uri: string): ReturnType<ServerConfig["linesOf"]> | SourceFile["lines"] | undefined {
    const space = this.forUri(uri);
    return space.workspace.file(uri)?.lines ?? space.config.linesOf(uri);
  }
}
