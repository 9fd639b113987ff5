import { type DocumentKind, invalidDocument } from './document-kind.js';
import type { FetchedDocument } from './fetch-document.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The parser's own message is left out on purpose: V8 quotes part of the text, and a source
 * pointed at the wrong file could hold secrets.
 */
export function parseJson(kind: DocumentKind, document: FetchedDocument): unknown {
  let text: string;
  try {
    text = utf8.decode(document.bytes);
  } catch {
    throw invalidDocument(kind, document.where, 'is not UTF-8 text');
  }
  if (text.trim() === '') throw invalidDocument(kind, document.where, 'is empty');
  try {
    return JSON.parse(text);
  } catch {
    throw invalidDocument(kind, document.where, 'is not valid JSON');
  }
}
