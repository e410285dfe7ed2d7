/**
 * `hfa/report` over real JSON-RPC against the built server (dist/server.js):
 * the ReportModel of the agreement at the position (the same figures as
 * `hfa report --format json`), a rendered format as base64, the --part
 * extract, and null for a document or format it cannot serve.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../../server/src/report/index.js";
import { SPEC_EXAMPLE } from "../report/helpers.js";
import { makeWorkspace, TestClient } from "./client.js";

interface Rendered {
  format: string;
  fileName: string;
  mediaType: string;
  base64: string;
  model: ReportModel;
}

describe("hfa/report", () => {
  const ws = makeWorkspace();
  const uri = ws.uri("spec/avtale.hfa");
  let client: TestClient;

  beforeAll(async () => {
    ({ client } = await TestClient.start(ws.root));
    client.open(uri, SPEC_EXAMPLE);
    await client.waitForDiagnostics(uri);
  }, 30_000);
  afterAll(async () => {
    await client?.stop();
    ws.dispose();
  });

  it("returns the ReportModel of the agreement at the position", async () => {
    const model = await client.request<ReportModel>("hfa/report", { textDocument: { uri }, position: { line: 40, character: 2 } });
    expect(model.kind).toBe("agreement");
    expect(model.agreement.id).toBe("JordmorNordmøre");
    expect(model.balance!.total.atHorizon).toBe(1_250_000);
    expect(model.balance!.parties.map((p) => [p.party, p.atHorizon, p.breakEven])).toEqual([["HMR", 990_000, 2027], ["Kristiansund", 230_000, 2028], ["Averøy", 30_000, 2030]]);
  });

  it("renders a format as base64 with its file name and media type", async () => {
    const pdf = await client.request<Rendered>("hfa/report", { textDocument: { uri }, format: "pdf" });
    expect(pdf.fileName).toBe("JordmorNordmøre.pdf");
    expect(pdf.mediaType).toBe("application/pdf");
    const bytes = Buffer.from(pdf.base64, "base64");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await client.request<Rendered>("hfa/report", { textDocument: { uri }, format: "docx", part: "Averøy" });
    expect(docx.fileName).toBe("JordmorNordmøre-Averøy.docx");
    expect(docx.model.part).toBe("Averøy");
    expect(Buffer.from(docx.base64, "base64").subarray(0, 2).toString()).toBe("PK");
  }, 30_000);

  it("answers null for an unknown document, format or party", async () => {
    expect(await client.request("hfa/report", { textDocument: { uri: "file:///finnes/ikke.hfa" } })).toBeNull();
    expect(await client.request("hfa/report", { textDocument: { uri }, format: "rtf" })).toBeNull();
    expect(await client.request("hfa/report", { textDocument: { uri }, part: "Molde" })).toBeNull();
    expect(await client.request("hfa/report", { textDocument: { uri }, position: "her" })).toBeNull();
  });
});
