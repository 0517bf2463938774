// The one pngjs call the app-package test makes (pngjs ships no types; scripts/teams-icons.mjs is plain JS).
declare module 'pngjs' {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } };
  };
}
