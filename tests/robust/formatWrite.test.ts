/**
 * Issue 8 items 1–3 and 13 (line endings): `hfa format` never loses a line.
 * Replacement is atomic (kill -9 at random moments leaves each file old or
 * new), a file edited after it was read is skipped, and a failed write (full
 * disk, folder that refuses a temp file, read-only file) leaves the file
 * untouched, is reported with what failed, and does not stop the others.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { NODE_FS, type WriteFs } from "../../server/src/cli/atomicWrite.js";
import { runFormat } from "../../server/src/cli/format.js";
import { formatText } from "../../server/src/format/formatter.js";
import { captureIo, CLI, hfa, removeTemps, SAMPLE, tempDir, unformatted } from "./helpers.js";

afterAll(removeTemps);

function formatted(text: string): string {
  const result = formatText(text);
  if (result.kind !== "formatted") throw new Error("sample has syntax errors");
  return result.text;
}

describe("atomic replacement", () => {
  test("the unformatted sample really changes (else these tests prove nothing)", () => {
    expect(formatted(unformatted())).not.toBe(unformatted());
    expect(formatted(unformatted())).toBe(formatted(SAMPLE));
  });

  test("kill -9 at random moments: every file is either the old or the new text, never partial", async () => {
    const dir = tempDir();
    // A large workspace: big files make the write window wide.
    const big = unformatted(Array.from({ length: 12 }, (_, i) => SAMPLE.replace(/avtale (\S+)/, `avtale $1K${i}`)).join("\n"));
    const want = formatted(big);
    const names = Array.from({ length: 60 }, (_, i) => `f${String(i).padStart(3, "0")}.hfa`);
    let sawOld = false;
    let sawNew = false;
    for (let round = 0; round < 8; round++) {
      for (const name of names) writeFileSync(join(dir, name), big);
      const child = spawn(process.execPath, [CLI, "format", "."], { cwd: dir, stdio: "ignore" });
      const exited = new Promise((r) => child.once("exit", r));
      // Node starts in ~100 ms; the run then takes a few hundred ms more: kill somewhere in it.
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 700)));
      child.kill("SIGKILL");
      await exited;
      for (const name of names) {
        const text = readFileSync(join(dir, name), "utf8");
        expect(text === big || text === want, `${name} after kill in round ${round} is ${text.length} chars`).toBe(true);
        if (text === big) sawOld = true;
        else sawNew = true;
      }
    }
    // The kills landed mid-run at least once (both kinds present), so the test can fail.
    expect(sawOld && sawNew).toBe(true);
    // Stray temporary files are never taken for agreements.
    const again = hfa(["format", "."], dir);
    expect(again.code).toBe(0);
    for (const name of names) expect(readFileSync(join(dir, name), "utf8")).toBe(want);
    expect(readdirSync(dir).filter((n) => n.endsWith(".hfa")).sort()).toEqual(names);
  }, 120_000);

  test("keeps the file's mode, byte order mark and CR-only line endings", () => {
    const dir = tempDir();
    const crOnly = unformatted().replace(/\r?\n/g, "\r");
    writeFileSync(join(dir, "cr.hfa"), crOnly);
    writeFileSync(join(dir, "crlf.hfa"), "\uFEFF" + unformatted().replace(/\r?\n/g, "\r\n"));
    chmodSync(join(dir, "cr.hfa"), 0o640);
    const run = hfa(["format", "."], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const cr = readFileSync(join(dir, "cr.hfa"), "utf8");
    expect(cr).not.toBe(crOnly);
    expect(cr).not.toMatch(/\n/);
    expect(cr.split("\r").length).toBeGreaterThan(20);
    expect(statSync(join(dir, "cr.hfa")).mode & 0o777).toBe(0o640);
    const crlf = readFileSync(join(dir, "crlf.hfa"), "utf8");
    expect(crlf.startsWith("\uFEFF")).toBe(true);
    expect(crlf.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
});

/** A file system whose calls fail on demand, to stand in for a full disk or a refusing folder. */
function failing(overrides: Partial<WriteFs>): WriteFs {
  return { ...NODE_FS, ...overrides };
}
function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe("failures are reported and do not stop the others", () => {
  function workspace(): string {
    const dir = tempDir();
    for (const name of ["a.hfa", "b.hfa", "c.hfa"]) writeFileSync(join(dir, name), unformatted());
    return dir;
  }

  test("a full disk mid-write: the original is untouched, «kan ikke skrive», the rest formatted, exit 2", () => {
    const dir = workspace();
    let writes = 0;
    const fullDisk = failing({
      writeSync: (fd, buffer, offset, length) => {
        writes++;
        // b.hfa is the second file: its temp gets half its bytes, then the disk is full.
        if (writes === 2) return fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
        if (writes === 3) throw systemError("ENOSPC");
        return fs.writeSync(fd, buffer, offset, length);
      },
    });
    const io = captureIo(dir);
    const code = runFormat(["."], io, "nb", fullDisk);
    expect(code).toBe(2);
    expect(io.stderr()).toBe("hfa: kan ikke skrive b.hfa: ikke nok plass på disken; filen er ikke endret\n");
    expect(io.stdout()).toBe("2 filer formatert, 0 uendret, 1 ikke behandlet på grunn av feil (se over)\n");
    expect(readFileSync(join(dir, "b.hfa"), "utf8")).toBe(unformatted());
    expect(readFileSync(join(dir, "a.hfa"), "utf8")).toBe(formatted(unformatted()));
    expect(readFileSync(join(dir, "c.hfa"), "utf8")).toBe(formatted(unformatted()));
    expect(readdirSync(dir).sort()).toEqual(["a.hfa", "b.hfa", "c.hfa"]); // the temp file is gone
  });

  test("a folder where no temporary file can be created", () => {
    const dir = workspace();
    const refusing = failing({
      openSync: ((path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
        if (String(path).includes(".a.hfa.hfa-tmp-")) throw systemError("EACCES");
        return fs.openSync(path, flags ?? "r", mode);
      }) as typeof fs.openSync,
    });
    const io = captureIo(dir);
    expect(runFormat(["."], io, "nb", refusing)).toBe(2);
    expect(io.stderr()).toBe("hfa: kan ikke skrive a.hfa: kan ikke lage en midlertidig fil i mappen (ingen tilgang); filen er ikke endret\n");
    expect(readFileSync(join(dir, "a.hfa"), "utf8")).toBe(unformatted());
    expect(readFileSync(join(dir, "b.hfa"), "utf8")).toBe(formatted(unformatted()));
  });

  test("a failing fsync or rename leaves the original", () => {
    for (const broken of [failing({ fsyncSync: () => { throw systemError("EIO"); } }), failing({ renameSync: () => { throw systemError("EXDEV"); } })]) {
      const dir = workspace();
      const io = captureIo(dir);
      expect(runFormat(["."], io, "en", broken)).toBe(2);
      expect(io.stderr().split("\n").filter(Boolean)).toHaveLength(3);
      expect(io.stderr()).toMatch(/^hfa: cannot write a\.hfa: .*the file is unchanged$/m);
      for (const name of ["a.hfa", "b.hfa", "c.hfa"]) expect(readFileSync(join(dir, name), "utf8")).toBe(unformatted());
      expect(readdirSync(dir)).toHaveLength(3);
    }
  });

  test("a read-only file is reported and skipped; the others are formatted (built CLI)", () => {
    const dir = workspace();
    chmodSync(join(dir, "a.hfa"), 0o444);
    const run = hfa(["format", "."], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hfa: kan ikke skrive a.hfa: filen er skrivebeskyttet; filen er ikke endret\n");
    expect(run.stdout).toBe("2 filer formatert, 0 uendret, 1 ikke behandlet på grunn av feil (se over)\n");
    expect(readFileSync(join(dir, "a.hfa"), "utf8")).toBe(unformatted());
    expect(readFileSync(join(dir, "c.hfa"), "utf8")).toBe(formatted(unformatted()));
  });

  test("an unreadable file does not stop the others", () => {
    const dir = workspace();
    writeFileSync(join(dir, "b.hfa"), Buffer.from([0x61, 0, 0x62]));
    const run = hfa(["format", "."], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hfa: kan ikke lese b.hfa: inneholder NUL-byte – er det en binærfil?\n");
    expect(readFileSync(join(dir, "c.hfa"), "utf8")).toBe(formatted(unformatted()));
  });
});

describe("lost update", () => {
  test("a file saved after it was read is skipped and reported, never overwritten", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.hfa"), unformatted());
    writeFileSync(join(dir, "b.hfa"), unformatted());
    const edited = unformatted() + "\n// lagt til av en kollega\n";
    // The edit lands between the read and the replacement (right after the temp file is synced).
    let synced = 0;
    const racing = failing({
      fsyncSync: (fd) => {
        fs.fsyncSync(fd);
        if (++synced === 1) writeFileSync(join(dir, "a.hfa"), edited);
      },
    });
    const io = captureIo(dir);
    expect(runFormat(["."], io, "nb", racing)).toBe(2);
    expect(io.stderr()).toBe("hfa: a.hfa ble endret etter at den ble lest, og er ikke formatert; kjør «hfa format» på nytt\n");
    expect(readFileSync(join(dir, "a.hfa"), "utf8")).toBe(edited);
    expect(readFileSync(join(dir, "b.hfa"), "utf8")).toBe(formatted(unformatted()));
  });

  test("an edit of the same size within the same mtime is caught by the content hash", () => {
    const dir = tempDir();
    const path = join(dir, "a.hfa");
    writeFileSync(path, unformatted());
    const sameSize = unformatted().replace("Innherred", "Innherrex");
    let synced = 0;
    const racing = failing({
      fsyncSync: (fd) => {
        fs.fsyncSync(fd);
        if (++synced !== 1) return;
        const before = statSync(path);
        writeFileSync(path, sameSize);
        fs.utimesSync(path, before.atime, before.mtime);
      },
    });
    const io = captureIo(dir);
    expect(runFormat(["."], io, "nb", racing)).toBe(2);
    expect(readFileSync(path, "utf8")).toBe(sameSize);
  });
});
