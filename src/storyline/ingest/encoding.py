"""Bytes to text, refusing what is not text instead of storing garbage.

Ukrainian sites still serve windows-1251 and KOI8-U; a UTF-8 decode with ``errors="replace"`` would
store mojibake that no later stage can repair. So: BOM, then strict UTF-8, then charset-normalizer
limited to the encodings Cyrillic news really uses, and a clear ``EncodingError`` when nothing fits.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from storyline.errors import BinaryInput, EmptyInput, EncodingError

# Encodings worth trying for uk/ru/en news after UTF-8 fails, most likely first.
CANDIDATE_ENCODINGS = ("cp1251", "koi8_u", "koi8_r", "iso8859_5", "mac_cyrillic", "cp866", "latin_1")
# Share of control characters (other than tab/newline/CR/FF) above which text is treated as binary.
MAX_CONTROL_SHARE = 0.02
SNIFF_BYTES = 64 * 1024


def looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > MAX_CONTROL_SHARE


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; returns (text, encoding used). Raises on empty/binary/undecodable."""
    if not data.strip():
        raise EmptyInput(source, "empty input (no text)")
    if looks_binary(data):
        raise BinaryInput(source, "binary data, not text")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(data[: 512 * 1024], cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None or best.encoding is None:
        raise EncodingError(source, "not UTF-8 and no Cyrillic/Latin encoding fits")
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeDecodeError as exc:
        raise EncodingError(source, f"cannot decode as {best.encoding}: {exc.reason}") from exc
