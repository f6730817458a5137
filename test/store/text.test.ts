import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../src/http/errors.js';
import { rejectBadText } from '../../src/http/text.js';
import { storableText } from '../../src/store/store.js';

describe('storableText (NUL and lone surrogates cannot go into PostgreSQL)', () => {
  it('replaces them with U+FFFD and leaves good text, surrogate pairs included, untouched', () => {
    const input = { a: 'x\u0000y', b: ['\ud800 alone', 'pair 😀'], c: { d: 'fine', e: 3 } };
    expect(storableText(input)).toEqual({ a: 'x\ufffdy', b: ['\ufffd alone', 'pair 😀'], c: { d: 'fine', e: 3 } });
    const clean = { a: 'Café – “ok” 😀' };
    expect(storableText(clean)).toBe(clean);
  });
});

describe('rejectBadText', () => {
  const app = express();
  app.post('/t', express.json(), rejectBadText, (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorMiddleware({ error: () => undefined, warn: () => undefined }));

  it.each([
    ['{"value":"x\\u0000y"}'],
    ['{"note":"\\ud800"}'],
    ['{"nested":{"deep":["ok","\\udc00"]}}'],
  ])('refuses %s with a JSON 400', async (body) => {
    const res = await request(app).post('/t').set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_text', message: 'the request holds a NUL character or a broken Unicode character; remove it and try again' } });
  });

  it('passes ordinary text', async () => {
    const res = await request(app).post('/t').send({ value: '3rd March 2024 – “fine” 😀' });
    expect(res.status).toBe(200);
  });
});
