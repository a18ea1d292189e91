export * from './api';
export * from './catalog';
export * from './error-codes';
export * from './guard-rails';
export * from './regions';
