import { resolvePaths, type Env, type Paths } from './paths.js';

/** What every command works from: the environment it was started with, and where pyshim's files are. */
export interface Context {
  env: Env;
  paths: Paths;
}

export function contextFrom(env: Env = process.env): Context {
  return { env, paths: resolvePaths(env) };
}
