import { describe, expect, test } from 'vitest';
import { checkLoopbackServiceUrl, isLoopbackServiceUrl } from './loopback.js';

describe('the local-mode loopback guard', () => {
  test.each([
    'http://127.0.0.1:3979/',
    'http://127.0.0.1',
    'https://127.45.6.7:8443/v3/',
    'http://localhost:3979/',
    'http://LOCALHOST:80',
    'http://2130706433/', // 127.0.0.1 as one number: URL parsing normalises it
  ])('accepts the loopback serviceUrl %s', (url) => {
    expect(isLoopbackServiceUrl(url)).toBe(true);
  });

  test.each([
    'https://smba.trafficmanager.net/amer/',
    'http://0.0.0.0:3979/',
    'http://10.0.0.1/',
    'http://192.168.1.10:3979/',
    'http://128.0.0.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://localhost.:3979/',
    'http://localhost.example.com/',
    'http://127.0.0.1.nip.io/',
    'http://127.0.0.1@example.com/',
    'ftp://127.0.0.1/',
    'file:///etc/passwd',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isLoopbackServiceUrl(url)).toBe(false);
  });

  test('refuses IPv6 loopback, which botbuilder cannot reach, and says what to use instead', () => {
    const verdict = checkLoopbackServiceUrl('http://[::1]:3979/');
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/\[::1\].*ENOTFOUND.*localhost/);
  });

  test('refuses a missing or non-string serviceUrl, and says why', () => {
    expect(checkLoopbackServiceUrl(undefined)).toEqual({ ok: false, reason: 'no serviceUrl' });
    expect(checkLoopbackServiceUrl(42)).toEqual({ ok: false, reason: 'no serviceUrl' });
    expect(checkLoopbackServiceUrl('http://example.com/')).toEqual({ ok: false, reason: 'host example.com is not loopback' });
  });
});
