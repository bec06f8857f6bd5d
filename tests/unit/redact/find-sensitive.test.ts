// Redaction (issue 4, issue 7): at least 40 true positives across every kind, and at least 40
// look-alikes that must not be flagged. Fake secrets are generated here, never committed.
import { describe, expect, it } from 'vitest';
import { findSensitive, redact, type SensitiveKind } from '@/lib/redact/find-sensitive';

// mulberry32: a small deterministic generator, so failures reproduce.
let seed = 0x9e3779b9;
function next(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function fake(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const positives: [string, SensitiveKind][] = [
  [`export OPENAI_API_KEY=sk-proj-${fake(48, URLSAFE)}`, 'api-key'],
  [`key: sk-${fake(48)}`, 'api-key'],
  [`sk-svcacct-${fake(40, URLSAFE)}`, 'api-key'],
  [`use sk-admin-${fake(40, URLSAFE)} carefully`, 'api-key'],
  [`ANTHROPIC_API_KEY=sk-ant-api03-${fake(93, URLSAFE)}AA`, 'api-key'],
  [`sk-ant-api03-${fake(93, URLSAFE)}AA`, 'api-key'],
  [`aws_access_key_id = AKIA${fake(16, UPPER_DIGITS)}`, 'api-key'],
  [`ASIA${fake(16, UPPER_DIGITS)} is a session key`, 'api-key'],
  [`token ghp_${fake(36)}`, 'api-key'],
  [`gho_${fake(36)}`, 'api-key'],
  [`github_pat_${fake(22)}_${fake(59)}`, 'api-key'],
  [`SLACK=xoxb-${fake(12, '0123456789')}-${fake(13, '0123456789')}-${fake(24)}`, 'api-key'],
  [
    `xoxp-${fake(12, '0123456789')}-${fake(12, '0123456789')}-${fake(13, '0123456789')}-${fake(32, 'abcdef0123456789')}`,
    'api-key',
  ],
  [`maps key AIza${fake(35, URLSAFE)}`, 'api-key'],
  [`"apiKey": "AIza${fake(35, URLSAFE)}"`, 'api-key'],
  [`stripe sk_live_${fake(99)}`, 'api-key'],
  [`rk_live_${fake(99)}`, 'api-key'],
  [`npm_${fake(36)}`, 'api-key'],
  [`Authorization: Bearer eyJ${fake(20, URLSAFE)}.eyJ${fake(40, URLSAFE)}.${fake(43, URLSAFE)}`, 'token'],
  [`eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx${fake(20, URLSAFE)}.${fake(43, URLSAFE)}`, 'token'],
  [`-----BEGIN RSA PRIVATE KEY-----\n${fake(64)}\n${fake(64)}\n-----END RSA PRIVATE KEY-----`, 'private-key'],
  [`-----BEGIN PRIVATE KEY-----\n${fake(64)}\n-----END PRIVATE KEY-----`, 'private-key'],
  [`-----BEGIN OPENSSH PRIVATE KEY-----\n${fake(70)}\n-----END OPENSSH PRIVATE KEY-----`, 'private-key'],
  [`-----BEGIN EC PRIVATE KEY-----\n${fake(64)}\n-----END EC PRIVATE KEY-----`, 'private-key'],
  [`password = "${fake(6)}7!${fake(10)}"`, 'secret'],
  [`DB_PASSWORD: ${fake(8)}9${fake(9)}`, 'secret'],
  [`client_secret=${fake(32)}1`, 'secret'],
  [`"secret": "${fake(24)}8"`, 'secret'],
  [`api_key: ${fake(30)}5`, 'secret'],
  [`access_token=${fake(40)}2`, 'secret'],
  ['Write to jane.doe@acme-corp.io for access', 'email'],
  ['cc: r.ahmed+halo@mail.university.edu', 'email'],
  ['<maria.garcia@gmail.com>', 'email'],
  ['contact: SUPPORT@Contoso.co.uk', 'email'],
  ['Call me at +1 415 555 0132 tomorrow', 'phone'],
  ['Tel. +44 20 7946 0958', 'phone'],
  ['(555) 123-4567 is the desk', 'phone'],
  ['office 030 901820 45', 'phone'],
  ['+49 30 1234 5678', 'phone'],
  ['phone: 555-867-5309', 'phone'],
  ['+33 6 12 34 56 78', 'phone'],
];

const lookAlikes: string[] = [
  'sk-...',
  'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxx',
  'export OPENAI_API_KEY="sk-YOUR_KEY_HERE_1234567890"',
  'use sk-<your key> here',
  'AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'id 550e8400-e29b-41d4-a716-446655440000',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'short sha 9fceb02',
  'color: #ff5733; background: #1d1d1f;',
  'rgba(12, 34, 56, 0.5)',
  '![dot](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)',
  'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'password: ********',
  'password = "changeme"',
  'api_key=YOUR_API_KEY',
  'token = <token>',
  'secret: {{ secrets.DEPLOY_KEY }}',
  'password=hunter2',
  'user@example.com',
  'admin@localhost',
  'git@github.com:user/repo.git',
  'https://user@host.example.org/path',
  'logo@2x.png',
  'released 2026-11-23',
  'at 10:45:30',
  'version 1.22.333',
  'server 192.168.10.254',
  'ISBN 978-3-16-148410-0',
  'order #123456789',
  'call ext. 42',
  'The value is 3.14159265358979',
  'npm install react@19.3.1',
  'eyJ alone is not a token',
  '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----',
  '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----',
  'const token = getToken();',
  'Bearer <token>',
  'AIzaSyA-this-is-too-short',
  'sk-ant-...',
  'CSS: .sk-spinner { width: 40px }',
  'matrix 1 2 3 4 5 6',
];

describe('finding secrets and personal data (issue 4)', () => {
  it('has a table big enough to mean something', () => {
    expect(positives.length).toBeGreaterThanOrEqual(40);
    expect(lookAlikes.length).toBeGreaterThanOrEqual(40);
    expect(new Set(positives.map(([, kind]) => kind)).size).toBe(6);
  });

  it.each(positives)('flags %s', async (text, kind) => {
    const found = await findSensitive(text);
    expect(found.map((m) => m.kind)).toContain(kind);
  });

  it.each(lookAlikes)('leaves %s alone', async (text) => {
    expect(await findSensitive(text)).toEqual([]);
  });

  it('redacts with a visible label and keeps the rest', async () => {
    const key = `sk-proj-${fake(48, URLSAFE)}`;
    const text = `Use ${key} and mail jane.doe@acme-corp.io.`;
    expect(redact(text, await findSensitive(text))).toBe('Use [redacted API key] and mail [redacted email].');
  });
});
