"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC and VNI) found in old files: detect and convert (pure).

Old documents typed with .VnTime (TCVN3) or VNI-Times fonts come out of a PDF or a Word file as Latin-1
look-alikes: "QuyÕt ®Þnh" (TCVN3) or "Quyeát ñònh" (VNI) for "Quyết định". TCVN3 capitals typed with
the .VnTimeH fonts reuse the lower-case codes, so converted capitals come out lower-case (flagged by the
caller, not guessed).
"""

from __future__ import annotations

import re

__all__ = ["detect_legacy", "convert_legacy", "TCVN3_TO_UNICODE", "VNI_TO_UNICODE"]

# TCVN 5712:1993 (VN3) code points as they appear after a Latin-1 / cp1252 reading.
TCVN3_TO_UNICODE: dict[str, str] = {
    "¸": "á", "µ": "à", "¶": "ả", "·": "ã", "¹": "ạ",
    "¨": "ă", "¾": "ắ", "»": "ằ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "©": "â", "Ê": "ấ", "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "®": "đ",
    "Ð": "é", "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "ª": "ê", "Õ": "ế", "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "Ý": "í", "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ã": "ó", "ß": "ò", "á": "ỏ", "â": "õ", "ä": "ọ",
    "«": "ô", "è": "ố", "å": "ồ", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "¬": "ơ", "í": "ớ", "ê": "ờ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ó": "ú", "ï": "ù", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "\u00ad": "ư", "ø": "ứ", "õ": "ừ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ý": "ý", "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
    "¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư",
}  # fmt: skip

_VNI_TONES_LOWER = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT_LOWER = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE_LOWER = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}


def _build_vni() -> dict[str, str]:
    import unicodedata

    table: dict[str, str] = {}

    def put(key: str, base: str, mark: str) -> None:
        table[key] = unicodedata.normalize("NFC", base + mark)
        table[key.upper()] = unicodedata.normalize("NFC", (base + mark).upper())

    for v in "aeouy":
        for k, mark in _VNI_TONES_LOWER.items():
            put(v + k, v, mark)
    for v, hat in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for k, mark in _VNI_HAT_LOWER.items():
            put(v + k, hat, mark)
    for k, mark in _VNI_BREVE_LOWER.items():
        put("a" + k, "ă", mark)
    for base_key, base in (("ô", "ơ"), ("ö", "ư")):
        table[base_key] = base
        table[base_key.upper()] = base.upper()
        for k, mark in _VNI_TONES_LOWER.items():
            put(base_key + k, base, mark)
    singles = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ"}
    for k, v in singles.items():
        table[k] = v
        table[k.upper()] = v.upper()
    return table


VNI_TO_UNICODE: dict[str, str] = _build_vni()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))
_TCVN3_RE = re.compile("|".join(re.escape(k) for k in TCVN3_TO_UNICODE))
_VIET_ONLY = re.compile(r"[ăđĩũơưĂĐĨŨƠƯạ-ỹẠ-Ỹ]")  # outside Latin-1: never produced by a legacy font
_TCVN3_MARKERS = re.compile(r"[®µ¸¶·¹¨©ª«¬\u00ad§]")
_VNI_MARKERS = re.compile(r"[aeouyAEOUY][ùøûõïâáàåãäêéèúüë]|[ñÑ][aeiouyAEIOUY]|ö|ô[ùøûõï]")


def detect_legacy(text: str) -> str | None:
    """ "tcvn3", "vni" or None: which legacy encoding `text` (read as Latin-1/cp1252) seems to be in."""
    sample = text[:20000]
    words = max(1, len(sample.split()))
    if len(_VIET_ONLY.findall(sample)) > 0.02 * words:
        return None  # real Unicode Vietnamese
    tc = len(_TCVN3_MARKERS.findall(sample))
    vn = len(_VNI_MARKERS.findall(sample))
    if tc >= max(3, 0.05 * words) and tc > vn:
        return "tcvn3"
    if vn >= max(3, 0.05 * words):
        return "vni"
    return None


def convert_legacy(text: str, encoding: str) -> str:
    """Text decoded from `encoding` ("tcvn3" or "vni") to Unicode NFC."""
    import unicodedata

    if encoding == "tcvn3":
        out = _TCVN3_RE.sub(lambda m: TCVN3_TO_UNICODE[m.group(0)], text)
    elif encoding == "vni":
        out = _VNI_RE.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return unicodedata.normalize("NFC", out)
