/**
 * TrueType fonts, bundled as bytes (esbuild loader "binary"; the vitest
 * config does the same) or as a base64 data URL (loader "dataurl").
 */
declare module "*.ttf" {
  const font: Uint8Array | string;
  export default font;
}
