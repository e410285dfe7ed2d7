/** TrueType fonts, bundled as bytes (esbuild loader "binary"; the vitest config does the same). */
declare module "*.ttf" {
  const bytes: Uint8Array;
  export default bytes;
}
