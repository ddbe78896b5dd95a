import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@mjq/common';
import { pollUntil } from './poll.js';
import { repoPath, spawnProcess, type ManagedProcess } from './processes.js';

export interface Nginx {
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

const NGINX = ['/usr/sbin/nginx', 'nginx'].find((bin) => spawnSync(bin, ['-v']).status === 0);

export function nginxAvailable(): boolean {
  return NGINX !== undefined;
}

/**
 * nginx (Debian's) as this user, in a directory of its own (config, pid, logs, temp files), on a
 * free loopback port, balancing over `upstreams` with the repository's own proxy settings
 * (deploy/nginx/mjq-proxy.inc) — the same file the compose load balancer includes. Answers
 * carry `X-Upstream`: the replica (or replicas tried) that served them.
 */
export async function startNginx(upstreams: string[]): Promise<Nginx> {
  if (!NGINX) throw new Error('nginx is not installed (apt-get install -y nginx-light; .ci/run does it)');
  const dir = mkdtempSync(join(tmpdir(), 'mjq-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'scgi', 'uwsgi']) mkdirSync(join(dir, sub));
  const port = await freePort('127.0.0.1');
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, port, upstreams));
  const nginx = spawnProcess('nginx', NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')]);
  const url = `http://127.0.0.1:${port}`;
  try {
    // Up once it answers its own location (the replicas may not be up yet).
    await pollUntil(
      () => fetch(`${url}/nginx-health`).then((r) => r.status, () => 0),
      (status) => status === 200,
      30_000,
    );
  } catch (err) {
    await nginx.kill();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    process: nginx,
    async stop() {
      await nginx.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `nginx -t` of an http-context snippet (a conf.d file): its syntax and directives, nothing started. */
export function testNginxConfig(httpSnippet: string): { ok: boolean; output: string } {
  if (!NGINX) throw new Error('nginx is not installed (apt-get install -y nginx-light; .ci/run does it)');
  const dir = mkdtempSync(join(tmpdir(), 'mjq-nginx-t-'));
  try {
    writeFileSync(join(dir, 'snippet.conf'), httpSnippet);
    writeFileSync(join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid;\nevents {}\nhttp {\n  include ${dir}/snippet.conf;\n}\n`);
    const result = spawnSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function nginxConfig(dir: string, port: number, upstreams: string[]): string {
  // As root, nginx would hand its workers to `nobody`, who cannot write this user's temp dir.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  return `
${user}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  scgi_temp_path ${dir}/scgi;
  uwsgi_temp_path ${dir}/uwsgi;
  upstream mjq_api {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location = /nginx-health { return 200 "ok\\n"; }
    location / {
      proxy_pass http://mjq_api;
      include ${repoPath('deploy/nginx/mjq-proxy.inc')};
      # For the tests only: which replica answered.
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}
