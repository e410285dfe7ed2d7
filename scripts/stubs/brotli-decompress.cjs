// fontkit decodes WOFF2 fonts with brotli (474 KB of decoder and dictionary).
// The report embeds only TrueType fonts (the Roboto pdfmake ships), so the
// bundles get this instead: a WOFF2 font would fail with a clear message.
module.exports = function decompress() {
  throw new Error("WOFF2 fonts are not supported in HFA's bundles; use a TrueType (.ttf) font");
};
