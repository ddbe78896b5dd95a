import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '@mjq/common';
import { nginxAvailable, testNginxConfig } from '../support/nginx.js';
import { repoPath } from '../support/processes.js';

/**
 * docker-compose.yml, .env.example and the Dockerfile, checked without Docker: the compose file
 * against the Compose Specification (Debian's docker-compose validates it with the spec's JSON
 * schema), then the rules of mjq's deployment that no schema knows.
 */
interface Service {
  image?: string;
  command?: string[];
  init?: boolean;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const composeText = readFileSync(repoPath('docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services;
const MJQ = ['api', 'dispatcher', 'listener'];
const configKeys = Object.keys(envSchema.shape);
const dockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;

describe('docker-compose.yml', () => {
  it.skipIf(!dockerCompose)('is a valid Compose file (docker-compose config)', () => {
    const result = spawnSync('docker-compose', ['-f', repoPath('docker-compose.yml'), 'config', '-q'], { encoding: 'utf8', cwd: repoPath('.') });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs Redis append-only with noeviction (BullMQ), on a volume, with a healthcheck', () => {
    const redis = services.redis!;
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    expect(redis.command![redis.command!.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(redis.volumes).toContainEqual(expect.stringMatching(/^redis-data:\/data$/));
    expect(compose.volumes).toHaveProperty('redis-data');
  });

  it('runs api ×2 and listener ×2, one dispatcher and the sandbox, each its own service from its own entry point', () => {
    expect(services.api!.deploy?.replicas).toBe(2);
    expect(services.listener!.deploy?.replicas).toBe(2);
    expect(services.dispatcher!.deploy?.replicas ?? 1).toBe(1);
    for (const name of [...MJQ, 'sandbox']) {
      const service = services[name]!;
      expect(service.command, name).toEqual(['node', `services/${name}/dist/main.js`]);
      expect(existsSync(repoPath(`services/${name}/src/main.ts`)), name).toBe(true);
      // tini as PID 1: SIGTERM reaches Node.
      expect(service.init, name).toBe(true);
    }
  });

  it('publishes only the load balancer, on :8062, with the repository nginx files', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.length).map(([name, s]) => [name, s.ports]);
    expect(published).toEqual([['lb', ['8062:8062']]]);
    for (const volume of services.lb!.volumes!) {
      const source = volume.split(':')[0]!;
      expect(existsSync(repoPath(source)), source).toBe(true);
    }
    expect(readFileSync(repoPath('deploy/nginx/mjq.conf'), 'utf8')).toMatch(/server api:8062/);
  });

  it.skipIf(!nginxAvailable())('gives nginx a configuration it accepts (nginx -t)', () => {
    const conf = readFileSync(repoPath('deploy/nginx/mjq.conf'), 'utf8')
      .replace('/etc/nginx/mjq-proxy.inc', repoPath('deploy/nginx/mjq-proxy.inc'))
      // Debian's nginx (1.22) predates `resolve` (1.27.3), and `api` exists only in Docker's DNS.
      .replace(/server api:8062 resolve/, 'server 127.0.0.1:8062');
    const result = testNginxConfig(conf);
    expect(result.output).toMatch(/syntax is ok/);
    expect(result.ok).toBe(true);
  });

  it('gives every service a healthcheck, and starts each only once what it depends on is healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test?.length, `${name} healthcheck`).toBeGreaterThan(0);
      for (const [dependency, rule] of Object.entries(service.depends_on ?? {})) {
        expect(rule.condition, `${name} → ${dependency}`).toBe('service_healthy');
        expect(services[dependency]?.healthcheck, dependency).toBeDefined();
      }
    }
    expect(Object.keys(services.api!.depends_on!)).toContain('redis');
    expect(Object.keys(services.lb!.depends_on!)).toEqual(['api']);
    for (const worker of ['dispatcher', 'listener']) expect(Object.keys(services[worker]!.depends_on!)).toEqual(expect.arrayContaining(['redis', 'sandbox']));
  });

  it('hands every variable of config.ts to the mjq services, on the sandbox unless credentials are set', () => {
    for (const name of MJQ) {
      const env = services[name]!.environment!;
      const missing = configKeys.filter((key) => !(key in env) && !key.startsWith('SANDBOX_') && key !== 'REDIS_URL');
      expect(missing, name).toEqual([]);
      expect(env.REDIS_URL).toBe('${REDIS_URL:-redis://redis:6379}');
      expect(env.SANDBOX_URL).toBe('http://sandbox:8090');
      // Credentials come from .env only: no default would send a token anywhere.
      for (const secret of ['USER_TOKEN', 'BOT_TOKEN', 'MJ_ACCOUNTS', 'WEBHOOK_SECRET', 'API_KEYS', 'ADMIN_KEYS']) expect(env[secret]).toBe(`\${${secret}:-}`);
      // One image store for every replica.
      expect(env.IMAGE_STORE_DIR).toBe('/data/images');
      expect(services[name]!.volumes).toContain('images:/data/images');
    }
  });
});

describe('.env.example', () => {
  const example = readFileSync(repoPath('.env.example'), 'utf8');
  const documented = new Set([...example.matchAll(/^#? ?([A-Za-z][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));

  it('documents every variable of config.ts', () => {
    expect(configKeys.filter((key) => !documented.has(key))).toEqual([]);
  });

  it('sets no credential', () => {
    for (const secret of ['USER_TOKEN', 'BOT_TOKEN', 'WEBHOOK_SECRET', 'API_KEYS', 'ADMIN_KEYS']) expect(example).not.toMatch(new RegExp(`^${secret}=.`, 'm'));
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(repoPath('Dockerfile'), 'utf8');

  it('builds in one stage and runs production dependencies only, as a non-root user, in another', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/pnpm install --prod --frozen-lockfile/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/pnpm install(?! --prod)/);
  });

  it('copies the patches pnpm applies (patchedDependencies) before its first pnpm command: pnpm fetch refuses to run without them', () => {
    const workspace = parse(readFileSync(repoPath('pnpm-workspace.yaml'), 'utf8')) as { patchedDependencies?: Record<string, string> };
    const patches = Object.values(workspace.patchedDependencies ?? {});
    const beforePnpm = dockerfile.slice(0, dockerfile.search(/^RUN pnpm /m));
    const copied = [...beforePnpm.matchAll(/^COPY (?!--from)(.+) (\S+)$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    for (const patch of patches) {
      expect(existsSync(repoPath(patch))).toBe(true);
      expect(copied.some((source) => patch === source || patch.startsWith(`${source.replace(/\/$/, '')}/`))).toBe(true);
    }
  });
});
