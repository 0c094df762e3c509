/** Script packs: the format, its validator and the interpreter. Pure; no I/O. */
export * from './schema';
export * from './variables';
export * from './source';
export * from './validate';
export * from './interpret';
export * from './context';
export * from './offers';
export * from './spoken';
