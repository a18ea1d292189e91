export * from './audit';
export * from './auth';
export * from './catalog';
export * from './common';
export * from './environments';
export * from './health';
export * from './history';
export * from './json-limits';
