/**
 * The text of a page, index or document read from bytes: UTF-8, or UTF-16 where the file starts with its
 * byte order mark (what Windows PowerShell's `>` and Notepad's "Unicode" write). Anything else is refused with
 * where the first byte that is not UTF-8 is, and what the file probably is instead, never decoded by a guess:
 * a wrong guess would vendor a spec with other bytes than the provider published.
 */

export type DecodedText = { text: string } | { problem: string; line: number };

/** `keepBom`: a bare spec is vendored byte for byte, so a UTF-8 byte order mark stays in its text. */
export function decodeText(bytes: Uint8Array, keepBom = false): DecodedText {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "";
  try {
    if (utf16) return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes) };
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: keepBom }).decode(bytes) };
  } catch {
    return notUtf8(bytes, utf16);
  }
}

function notUtf8(bytes: Uint8Array, utf16: string): { problem: string; line: number } {
  if (utf16) return { problem: `is not ${utf16.toUpperCase()} text, though it starts as such`, line: 1 };
  // The longest prefix with no byte that is not UTF-8 (streaming, so a prefix may end inside a character);
  // the byte after it is the first that is not.
  let end = 0;
  for (let low = 0, high = bytes.length; low < high; ) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      end = low = mid;
    } catch {
      high = mid - 1;
    }
  }
  // A character the prefix ends inside is the one that is broken: point at its first byte.
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = bytes[end - back]!;
    if (byte < 0x80) break;
    if (byte >= 0xc0) {
      if (back < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2)) end -= back;
      break;
    }
  }
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, end));
  const line = before.split(/\r\n|\n|\r/).length;
  const byte = bytes[end] ?? 0;
  const hint =
    byte === 0 || bytes.includes(0)
      ? "it holds NUL bytes: UTF-16 without a byte order mark, or not text at all"
      : "probably Windows-1252 or Latin-1; save it as UTF-8";
  return {
    problem: `is not UTF-8 text: byte 0x${byte.toString(16).padStart(2, "0")} on line ${line} (${hint})`,
    line,
  };
}
