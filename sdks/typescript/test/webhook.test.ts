import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../src/index.js';

// The test vector the Standard Webhooks libraries share.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const ts = 1614265330;
const payload = '{"test": 2432232314}';
const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const headers = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature };

const fails = (f: () => unknown, message: RegExp): void => {
  expect(f).toThrow(WebhookVerificationError);
  expect(f).toThrow(message);
};

describe('verifyWebhook', () => {
  it('accepts the published vector and returns the parsed body', () => {
    expect(verifyWebhook(payload, headers, secret, { now: ts })).toEqual({ test: 2432232314 });
    expect(verifyWebhook(new TextEncoder().encode(payload), new Headers(headers), secret, { now: ts + 299 })).toEqual({ test: 2432232314 });
  });

  it('accepts any matching v1 signature among several', () => {
    const multi = { ...headers, 'webhook-signature': `v1,Zm9v v2,abc ${signature}` };
    expect(verifyWebhook(payload, multi, secret, { now: ts })).toEqual({ test: 2432232314 });
  });

  it('rejects a changed body, id, timestamp or secret', () => {
    fails(() => verifyWebhook('{"test": 2432232315}', headers, secret, { now: ts }), /no matching signature/);
    fails(() => verifyWebhook(payload, { ...headers, 'webhook-id': 'msg_other' }, secret, { now: ts }), /no matching/);
    fails(() => verifyWebhook(payload, { ...headers, 'webhook-timestamp': String(ts + 1) }, secret, { now: ts }), /no matching/);
    fails(() => verifyWebhook(payload, headers, 'whsec_' + Buffer.from('another key').toString('base64'), { now: ts }), /no matching/);
  });

  it('rejects timestamps more than five minutes away', () => {
    fails(() => verifyWebhook(payload, headers, secret, { now: ts + 301 }), /too old/);
    fails(() => verifyWebhook(payload, headers, secret, { now: ts - 301 }), /future/);
    fails(() => verifyWebhook(payload, { ...headers, 'webhook-timestamp': '16e8' }, secret, { now: ts }), /not a number/);
  });

  it('rejects missing headers and unknown versions', () => {
    fails(() => verifyWebhook(payload, { 'webhook-id': id }, secret, { now: ts }), /missing/);
    fails(() => verifyWebhook(payload, { ...headers, 'webhook-signature': signature.replace('v1,', 'v2,') }, secret, { now: ts }), /no matching/);
  });

  it('verifies what it signs with the current time by default', () => {
    const now = Math.floor(Date.now() / 1000);
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const body = '{"type":"chat.started"}';
    const sig = createHmac('sha256', key).update(`msg_1.${now}.${body}`).digest('base64');
    const h = { 'Webhook-Id': 'msg_1', 'Webhook-Timestamp': String(now), 'Webhook-Signature': `v1,${sig}` };
    expect(verifyWebhook(body, h, `whsec_${key.toString('base64')}`)).toEqual({ type: 'chat.started' });
  });
});
