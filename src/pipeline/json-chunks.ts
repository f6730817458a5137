/**
 * Writing a large result as JSON text in pieces instead of one string: the import thread streams an
 * `ImportResult`'s JSON line to the CLI this way (docs/DESIGN.md §2 CLI: one JSON line per file), so that neither
 * thread ever holds the whole 100 MB line nor a structured-clone copy of the result (issue 13 §2).
 */

/** Default size of one piece, characters (1 Mi: few messages, small copies). */
export const JSON_CHUNK_CHARS = 1 << 20;

/**
 * Emits, in pieces of about `chunkChars` characters, exactly the text `JSON.stringify(value)` would give for a plain
 * JSON object (no `toJSON` on it; an array among its values is written one element at a time). Values that
 * `JSON.stringify` leaves out (undefined, functions, symbols) are left out here too; array elements of that kind
 * are written as `null`, as `JSON.stringify` does. An object with `toJSON` is written in one piece.
 */
export function writeJsonChunks(value: object, emit: (text: string) => void, chunkChars: number = JSON_CHUNK_CHARS): void {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function' || Array.isArray(value)) {
    emit(JSON.stringify(value));
    return;
  }
  const parts: string[] = [];
  let size = 0;
  const push = (s: string): void => {
    parts.push(s);
    size += s.length;
    if (size >= chunkChars) {
      emit(parts.join(''));
      parts.length = 0;
      size = 0;
    }
  };
  push('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      push(`${first ? '' : ','}${JSON.stringify(key)}:[`);
      for (let i = 0; i < v.length; i++) push(`${i === 0 ? '' : ','}${JSON.stringify(v[i]) ?? 'null'}`);
      push(']');
      first = false;
      continue;
    }
    const text = JSON.stringify(v) as string | undefined;
    if (text === undefined) continue;
    push(`${first ? '' : ','}${JSON.stringify(key)}:${text}`);
    first = false;
  }
  push('}');
  if (parts.length > 0) emit(parts.join(''));
}
