// The traditional→simplified build of opencc-js (its package exports `./t2cn`; the
// type declarations only cover the package root).
declare module 'opencc-js/t2cn' {
  export * from 'opencc-js';
}
