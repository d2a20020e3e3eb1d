export * from './errors';
export * from './page';
export * from './money';
export * from './area';
export * from './credit-code';
export * from './roles';
export * from './org';
export * from './identity';
