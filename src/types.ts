// The contract's named types (src/contract/types.ts). Importing this entry point loads no runtime code.
export type * from './contract/types.js';
