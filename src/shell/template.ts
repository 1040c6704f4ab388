import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../paths.js';
import { quotePosix } from './quote.js';

/**
 * Shell templates are real files under shells/, with {{NAME}} placeholders.
 * A value is either `word` — a safe token (a version, a shim name) put in as
 * is — or `code` — text already rendered by a shell adapter (a quoted path).
 */
export type TemplateValue = { word: string } | { code: string };

const SAFE_WORD = /^[A-Za-z0-9._-]*$/;
const cache = new Map<string, string>();

export function loadTemplate(relative: string): string {
  let text = cache.get(relative);
  if (text === undefined) {
    text = fs.readFileSync(path.join(packageRoot(), 'shells', relative), 'utf8');
    cache.set(relative, text);
  }
  return text;
}

export function renderTemplate(template: string, values: Record<string, TemplateValue>): string {
  return template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (!value) throw new Error(`template placeholder {{${key}}} has no value`);
    if ('word' in value) {
      if (!SAFE_WORD.test(value.word)) throw new Error(`unsafe word for {{${key}}}: ${JSON.stringify(value.word)}`);
      return value.word;
    }
    return value.code;
  });
}

/** The one line a shim prints when a file it needs has gone: what, where, and `pyshim doctor`. */
export function goneMessage(name: string, what: string, file: string): TemplateValue {
  return { code: quotePosix(`${name}: ${what ? `${what} ` : ''}${file} is gone; run: pyshim doctor`) };
}
