/** `node:crypto` in the web extension: the one function the client uses (a nonce), from Web Crypto. */
export function randomBytes(size: number): { toString(encoding: "base64url" | "base64" | "hex"): string } {
  const bytes = new Uint8Array(size);
  globalThis.crypto.getRandomValues(bytes);
  return {
    toString(encoding) {
      if (encoding === "hex") return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
      const base64 = btoa(String.fromCharCode(...bytes));
      return encoding === "base64" ? base64 : base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    },
  };
}
