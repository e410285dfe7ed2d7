/**
 * The indexer's URI conversions (server/src/lsp/indexer.ts) skip Node's URL parsing for plain
 * paths: for every path and URI they must give exactly what Node's conversions give.
 */
import { sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { canonicalUri, pathToUri, uriToPath } from "../../server/src/lsp/indexer.js";

const paths = [
  "/tmp/hfa-bench-lsp-AbC123/avtaler/0001-eldreteam-romsdal.hfa",
  "/home/u/repo/avtaler/a_b~c-d.hfa",
  "/",
  "/a/b/",
  "/a//b.hfa",
  "/a/./b.hfa",
  "/a/../b.hfa",
  "/a/.",
  "/a/..",
  "/a/.hidden/b.hfa",
  "/a/b..hfa",
  "/a/b c.hfa",
  "/a/b%20c.hfa",
  "/a/b#c.hfa",
  "/a/b?c.hfa",
  "/a/æøå.hfa",
  "/a/b\\c.hfa",
  "/a/b:c.hfa",
  "/a/b@c+d,e;f=g.hfa",
  "/a/b~c.hfa",
  "relative/b.hfa",
];

it.runIf(sep === "/")("pathToUri gives Node's pathToFileURL for every path", () => {
  for (const path of paths) expect(pathToUri(path), path).toBe(pathToFileURL(path).href);
});

it.runIf(sep === "/")("uriToPath and canonicalUri give Node's answers for every URI", () => {
  const uris = [
    ...paths.map((path) => pathToFileURL(path).href),
    "file:///a/./b.hfa",
    "file:///a/../b.hfa",
    "file:///a//b.hfa",
    "file:///a/b.hfa?x",
    "file:///a/b.hfa#x",
    "file:///a/b%2Fc.hfa",
    "file://host/a/b.hfa",
    "file:/a/b.hfa",
    "untitled:Untitled-1",
  ];
  for (const uri of uris) {
    let expected: string | undefined;
    try {
      expected = fileURLToPath(uri);
    } catch {
      expected = undefined;
    }
    expect(uriToPath(uri), uri).toBe(uri.startsWith("file:") ? expected : undefined);
  }
  // The indexer takes pathToUri of a listed path (absolute, normalised) as its canonical URI.
  for (const path of paths.filter((p) => p.startsWith("/") && !/\/\.{1,2}(\/|$)|\/\/|.\/$/.test(p))) expect(canonicalUri(pathToUri(path)), path).toBe(pathToUri(path));
  expect(canonicalUri("file:///a/./b.hfa")).toBe("file:///a/b.hfa");
  expect(canonicalUri("file:///tmp/x/avtaler/0001-a.hfa")).toBe("file:///tmp/x/avtaler/0001-a.hfa");
});
