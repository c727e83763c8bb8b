import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEVELOPMENT_SECOND_FACTOR_KEY, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working local defaults: embedded database, queues on PostgreSQL, port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: null, redisUrl: null, port: 3000, adminEmail: 'admin@example.com' });
  });

  it.each([
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL must start with postgres:/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL is not a URL/],
    ['REDIS_URL', 'http://localhost', /REDIS_URL must start with redis:/],
    ['PORT', 'eighty', /PORT must be an integer/],
    ['PORT', '70000', /PORT must be an integer from 1 to 65535/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 16/],
    ['ADMIN_EMAIL', 'root', /ADMIN_EMAIL must be an email/],
    ['ADMIN_PASSWORD', '123', /ADMIN_PASSWORD must be at least 8/],
    ['INTAKE_API_KEY', 'k', /INTAKE_API_KEY must be at least 16/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['SECOND_FACTOR_KEY', Buffer.alloc(31, 1).toString('base64').padEnd(44, 'A'), /SECOND_FACTOR_KEY must be 32 bytes/],
  ])('refuses %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  describe('in production (NODE_ENV=production)', () => {
    const SECRETS = {
      JWT_SECRET: 'a-real-jwt-secret-0123456789',
      ADMIN_PASSWORD: 'a-real-admin-password',
      INTAKE_API_KEY: 'a-real-intake-key-0123456789',
      SECOND_FACTOR_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const DEFAULTS = {
      JWT_SECRET: 'local-development-secret-change-me',
      ADMIN_PASSWORD: 'admin-password',
      INTAKE_API_KEY: 'local-intake-key-change-me',
      SECOND_FACTOR_KEY: DEVELOPMENT_SECOND_FACTOR_KEY,
    };

    it.each(Object.keys(SECRETS))('refuses a missing %s (the development default) naming it', (name) => {
      const env = { NODE_ENV: 'production', ...SECRETS, [name]: '' };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(`${name} must be set in production`);
    });

    it.each(Object.entries(DEFAULTS))('refuses %s set to the development default', (name, value) => {
      expect(() => loadConfig({ NODE_ENV: 'production', ...SECRETS, [name]: value })).toThrow(`${name} must be set in production`);
    });

    it('accepts real secrets, and keeps the development defaults outside production', () => {
      expect(loadConfig({ NODE_ENV: 'production', ...SECRETS })).toMatchObject({
        jwtSecret: SECRETS.JWT_SECRET,
        adminPassword: SECRETS.ADMIN_PASSWORD,
        intakeApiKey: SECRETS.INTAKE_API_KEY,
      });
      expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({
        jwtSecret: DEFAULTS.JWT_SECRET,
        adminPassword: DEFAULTS.ADMIN_PASSWORD,
        intakeApiKey: DEFAULTS.INTAKE_API_KEY,
      });
    });
  });

  it('accepts real service URLs', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ppc', REDIS_URL: 'redis://cache:6379/1', PORT: '8080' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u:p@db:5432/ppc', redisUrl: 'redis://cache:6379/1', port: 8080 });
  });
});
