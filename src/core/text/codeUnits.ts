/**
 * A text's UTF-16 code units as a typed array, for the loops that look at
 * every character of a document.
 *
 * Reading `codes[i]` in an optimized loop is a bounds check and one load;
 * `text.charCodeAt(i)` also has to find out, at every call, how the string is
 * laid out (flat, one or two bytes per character, a slice, a concatenation).
 * On 1 MB of speech text a loop of one table lookup per character took
 * ≈ 3 ms over the array and ≈ 4.5–6.5 ms over the string, and the copy costs
 * ≈ 0.3 ms where Node's `Buffer` makes it (one native copy), so a document's
 * array is made once (`DocContext.codes`) and shared.
 */

interface BufferLike {
  write(text: string, offset: number, length: number, encoding: 'utf16le'): number;
}

interface BufferStatic {
  from(buffer: ArrayBuffer, byteOffset: number, length: number): BufferLike;
}

/**
 * Node's `Buffer`, where there is one and the platform stores 16-bit integers
 * little-endian as UTF-16LE does (the core also runs where there is no
 * `Buffer`: a plain loop does the copy there).
 */
const NodeBuffer: BufferStatic | undefined =
  new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? (globalThis as { Buffer?: BufferStatic }).Buffer : undefined;

/** Below this length the plain loop is as quick as the native copy (and makes no `Buffer` view). */
const NATIVE_FROM = 256;

export function codeUnitsOf(text: string): Uint16Array {
  const n = text.length;
  const codes = new Uint16Array(n);
  if (NodeBuffer !== undefined && n >= NATIVE_FROM) {
    NodeBuffer.from(codes.buffer, 0, n * 2).write(text, 0, n * 2, 'utf16le');
    return codes;
  }
  for (let i = 0; i < n; i++) {
    codes[i] = text.charCodeAt(i);
  }
  return codes;
}
