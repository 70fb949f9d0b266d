// RFC 6266 Content-Disposition for downloads: a user-chosen file name must never be able
// to end the quoted string, add a parameter or inject a header line (docs/security.md D3).

// RFC 5987 attr-char: the only bytes allowed unencoded in `filename*`.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/** Printable ASCII minus the characters that are special inside or around a quoted-string. */
function asciiFallback(fileName: string): string {
  let out = "";
  for (const ch of fileName) {
    const code = ch.codePointAt(0)!;
    const safe = code >= 0x20 && code < 0x7f && ch !== '"' && ch !== "\\" && ch !== "%" && ch !== ";";
    out += safe ? ch : "_";
  }
  return out || "download";
}

/** UTF-8 percent-encoding of everything that is not an attr-char. */
function encodeExtValue(fileName: string): string {
  let out = "";
  // Buffer.from replaces lone surrogates with U+FFFD instead of throwing like encodeURIComponent.
  for (const byte of Buffer.from(fileName, "utf8")) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(ch) ? ch : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeExtValue(fileName || "download")}`;
}
