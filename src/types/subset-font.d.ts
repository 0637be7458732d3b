declare module "subset-font" {
  /** Subsets a TTF/WOFF/WOFF2 font to the given characters with HarfBuzz (WebAssembly). */
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: "truetype" | "woff" | "woff2" | "sfnt"; preserveNameIds?: number[] },
  ): Promise<Buffer>;
}
