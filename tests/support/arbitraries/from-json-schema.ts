/**
 * Values generated from a JSON Schema, as the OpenAPI document publishes the one zod schema
 * (server/openapi.ts): the server's fuzzer sends what the contract describes (issue 16). Strings
 * whose meaning the JSON Schema cannot say (http URLs, Markdown) get a generator by field name.
 */
import fc from 'fast-check';
import { markdown, oddUrl } from './markdown';

type Schema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
};

const BY_NAME: Record<string, fc.Arbitrary<unknown>> = {
  url: fc.oneof({ weight: 6, arbitrary: fc.webUrl() }, { weight: 1, arbitrary: oddUrl }),
  image: fc.oneof({ weight: 3, arbitrary: fc.webUrl() }, { weight: 1, arbitrary: oddUrl }),
  // Well-formed text: lone surrogates are refused (400) by design, and the renderer's fuzzer sends them.
  markdown: markdown.map((text) => text.toWellFormed()),
  note: markdown.map((text) => text.slice(0, 10_000).toWellFormed()),
  title: fc.string({ minLength: 1, maxLength: 80 }).map((text) => `T ${text}`.toWellFormed()),
};

/** An arbitrary for `schema`; arrays are kept short (a handful of blocks says as much as 5,000). */
export function fromJsonSchema(schema: Schema, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return fc.oneof(...variants.map((variant) => fromJsonSchema(variant, name)));
  switch (schema.type) {
    case 'object': {
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {})) shape[key] = fromJsonSchema(value, key);
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(fromJsonSchema(schema.items ?? {}, name), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 6, 6),
      });
    case 'string': {
      if (schema.format === 'date-time') {
        const years = { min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') };
        return fc.date({ ...years, noInvalidDate: true }).map((d) => d.toISOString());
      }
      const named = BY_NAME[name];
      if (named) return named;
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    }
    case 'number':
    case 'integer':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue();
  }
}
