/** Vite's `?raw` imports: a file's text, bundled at build time (the pack format guide and its example). */
declare module '*?raw' {
  const text: string;
  export default text;
}
