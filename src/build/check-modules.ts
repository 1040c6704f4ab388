import { optionalModulesFor, importCheckScript, type OptionalModule } from './optional-modules.js';

/** Import each optional module with `python`; the ones that fail to import did not build. */
export async function checkModules(python: string, version: string, env: Record<string, string | undefined>): Promise<OptionalModule[]> {
  const { execa } = await import('execa');
  const modules = optionalModulesFor(version);
  const result = await execa(python, ['-c', importCheckScript(modules)], { env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 });
  if (result.exitCode !== 0) throw new Error(`${python} could not run: ${String(result.stderr).trim()}`);
  const failed = new Set(String(result.stdout).split('\n').map((l) => l.trim()).filter(Boolean));
  return modules.filter((m) => failed.has(m.importName));
}
