// Builds the workspace: tsoa's generated routes and OpenAPI spec first (the API compiles
// against them), then every TypeScript project through its references.
import { spawnSync } from 'node:child_process';

function run(cmd, args, cwd) {
  const res = spawnSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

run('node', ['node_modules/@tsoa/cli/dist/cli.js', 'spec-and-routes'], 'services/api');
run('node', ['node_modules/typescript/bin/tsc', '-b'], '.');
