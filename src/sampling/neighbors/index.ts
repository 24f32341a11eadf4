export { KNeighbors, KD_TREE_MAX_DIM } from './KNeighbors.js';
export type { KNeighborsParams, KNeighborsFitted } from './KNeighbors.js';
export type { NeighborSearch, KNeighborsOptions, KNeighborsResult } from './types.js';
