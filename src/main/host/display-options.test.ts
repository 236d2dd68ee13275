import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../../../test/support/test-ca';
import { DisplayOptionsError, parseDisplayOptions } from './display-options';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});

describe('the display options', () => {
  it('ask for nothing unless a display port is given, and leave the host’s other arguments alone', () => {
    expect(parseDisplayOptions([])).toBeNull();
    expect(parseDisplayOptions(['--kiosk', '--no-sandbox', 'x'])).toBeNull();
    expect(parseDisplayOptions(['--kiosk', '--display-port', '4781'])).toEqual({ port: 4781, host: '127.0.0.1', tls: null });
  });

  it('refuse plain HTTP beyond loopback unless the office says so, and half a TLS pair, a bad port or an unreadable file', () => {
    const refused = (argv: string[], words: RegExp) => {
      expect(() => parseDisplayOptions(argv)).toThrow(DisplayOptionsError);
      expect(() => parseDisplayOptions(argv)).toThrow(words);
    };
    refused(['--display-port', '4781', '--display-host', '0.0.0.0'], /in clear/);
    expect(parseDisplayOptions(['--display-port', '4781', '--display-host', '0.0.0.0', '--display-plain-http'])).toMatchObject({ host: '0.0.0.0', tls: null });
    refused(['--display-port', '4781', '--display-cert', pki.serverCertFile], /go together/);
    refused(['--display-port', '70000'], /0 to 65535/);
    refused(['--display-port', '-1'], /0 to 65535/);
    refused(['--display-port', '12x'], /0 to 65535/);
    refused(['--display-port'], /needs a value/);
    refused(['--display-host', '0.0.0.0'], /"--display-port" is needed/);
    refused(['--display-port', '1', '--display-cert', '/nonexistent/c.pem', '--display-key', pki.serverKeyFile], /cannot be read \(ENOENT\)/);
    const parsed = parseDisplayOptions(['--display-port', '1', '--display-host', '10.0.0.5', '--display-cert', pki.serverCertFile, '--display-key', pki.serverKeyFile])!;
    expect(parsed.tls!.cert.equals(readFileSync(pki.serverCertFile))).toBe(true);
  });
});
