// opencc-js 1.4 ships types, but its `types/full.d.ts` re-exports `./core` without an extension, which NodeNext
// resolution cannot follow: every export would be an unresolved (error) type. This declares the one function we use.
declare module "opencc-js" {
  /** OpenCC locales: `cn` simplified, `tw` traditional (Taiwan), `twp` traditional with Taiwan phrases, ... */
  type Locale = "cn" | "tw" | "twp" | "hk" | "jp" | "t";
  export function Converter(options: { from: Locale; to: Locale }): (text: string) => string;
}
