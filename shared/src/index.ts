export * from './contracts';
export * from './domain/orgPath';
export * from './errors';
export * from './schemas/org';
export * from './schemas/user';
