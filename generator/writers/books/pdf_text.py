"""The text of a PDF that Chromium printed: each font's ToUnicode map
mended to say what its glyphs stand for, and the words of each
marked-content sequence (what a link says, for its /Contents).

Skia, Chromium's PDF writer, embeds the Noto CJK faces as Type 3 fonts
(:mod:`pdf`) with a ToUnicode map that gives each glyph one code point: the
first one the face's cmap maps to that glyph. Noto CJK draws a radical and
its ideograph with one glyph (⼯ U+2F2F and 工 U+5DE5, ⻓ U+2ED3 and 长
U+957F; in the Simplified face ⼾ U+2F3E with 户, not with 戶, its Unicode
equivalent), and the radical comes first: read through the maps, as pypdf
and pdfminer.six read, 工作 is ⼯作, in one Han character of eight. Skia
knows what it draws: around each glyph whose map says otherwise than the
text, it writes the text as /ActualText, which poppler (pdftotext) reads and
those do not. No Chromium flag, CSS or font helps (every Noto CJK face
shares these glyphs, and the first code point is Skia's rule), so the maps
are mended after printing: a glyph that /ActualText names alone is mapped to
what it names, where it names the same wherever the glyph is drawn. A glyph
drawn for two different texts keeps its map, and its /ActualText says which.

Skia writes content streams in one plain form (an operator a line, hex
strings, no inline images, each text object choosing its font before it
shows a glyph), so they are read with regular expressions, and only where
it matters: the /ActualText spans, and the marked content a link covers.
Reading every operator (pikepdf's parser makes an object of each) takes 3 s
for the whole edition's 490,000; this, under half a second, the links'
words included.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

#: What is read of marked content, by its operator at the end of a line: a
#: string shown, a font chosen, a new line, marked content begun or ended,
#: the graphics state saved or restored.
_OPERATOR = re.compile(rb"(Tj|Tf|Tm|EMC|BDC|BMC|q|Q)(?:\n|$)")
_FONT = re.compile(rb"/([^\s/<>()\[\]{}%]+)\s+[-+.\d]+\s+Tf(?=\s)")
#: An /ActualText span as Skia writes it around a glyph: its text, and what it holds.
_SPAN = re.compile(rb"/Span\s*<<\s*/ActualText\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*>>\s*BDC(.*?)(?<!\S)EMC",
                   re.S)
_SHOW = re.compile(rb"(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*Tj(?=\s)")
_MARKED = re.compile(rb"<<[^<>]*?/MCID\s+(\d+)[^<>]*>>\s*BDC(?=\s)")
_NESTING = re.compile(rb"(BDC|BMC|EMC)(?:\n|$)")
_ACTUAL_TEXT = re.compile(rb"/ActualText\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))")
_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\)")
_LITERAL_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
#: A new line in a marked-content sequence, until it is known what stands either side of it.
NEW_LINE = "\n"


def _string(token: bytes) -> bytes:
    """The bytes of a PDF string, hex or literal."""
    found = _STRING.fullmatch(token.strip())
    if found is None:
        return b""
    if found.group(1) is not None:
        digits = re.sub(rb"\s", b"", found.group(1))
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())

    def unescape(escape: re.Match) -> bytes:
        what = escape.group(1)
        if what[:1].isdigit():
            return bytes([int(what, 8) & 0xFF])
        return b"" if what in (b"\n", b"\r") else _ESCAPES.get(what, what)

    return _LITERAL_ESCAPE.sub(unescape, found.group(2))


def text_string(token: bytes) -> str:
    """A PDF text string (UTF-16 with its byte order mark, else PDFDocEncoding, Latin-1 in what Skia writes)."""
    data = _string(token)
    return data[2:].decode("utf-16-be", "replace") if data.startswith(b"\xfe\xff") else data.decode("latin-1")


# --- ToUnicode maps --------------------------------------------------------------------

_CODE_SPACE = re.compile(rb"begincodespacerange(.*?)endcodespacerange", re.S)
_BF = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_BF_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]")


@dataclasses.dataclass
class Font:
    """A font's ToUnicode map: bytes per code, and code → text."""

    width: int
    map: dict[bytes, str]

    def text(self, shown: bytes) -> str:
        if len(shown) == self.width:  # one glyph: how Skia shows them
            return self.map.get(shown, "")
        return "".join(self.map.get(shown[i:i + self.width], "") for i in range(0, len(shown), self.width))


def read_map(data: bytes, width: int = 1) -> Font:
    """A ToUnicode CMap (bfchar and bfrange, both forms of the range);
    ``width``, unless its code space says how many bytes a code is."""
    space = _CODE_SPACE.search(data)
    first = _BF_TOKEN.search(space.group(1)) if space else None
    if first is not None and first.group(1) is not None:
        width = max(1, len(re.sub(rb"\s", b"", first.group(1))) // 2)
    mapping: dict[bytes, str] = {}
    for kind, body in _BF.findall(data):
        tokens = [None if t.group(1) is None else bytes.fromhex(re.sub(rb"\s", b"", t.group(1)).decode())
                  for t in _BF_TOKEN.finditer(body)]
        if kind == b"bfchar":
            for code, text in zip(tokens[0::2], tokens[1::2]):
                if code is not None and text is not None:
                    mapping[code] = text.decode("utf-16-be", "replace")
            continue
        index = 0
        while index + 2 < len(tokens):
            low, high = tokens[index], tokens[index + 1]
            if low is None or high is None:
                break
            start, end = int.from_bytes(low, "big"), int.from_bytes(high, "big")
            if tokens[index + 2] is None:  # [ <text> <text> … ]: one text a code
                close = tokens.index(None, index + 3)
                for offset, text in enumerate(tokens[index + 3:close]):
                    mapping[(start + offset).to_bytes(len(low), "big")] = (text or b"").decode("utf-16-be", "replace")
                index = close + 1
                continue
            text = tokens[index + 2] or b""
            base = int.from_bytes(text, "big")  # each code one more than the last, in the text's last unit
            for offset in range(end - start + 1):
                mapping[(start + offset).to_bytes(len(low), "big")] = \
                    (base + offset).to_bytes(len(text), "big").decode("utf-16-be", "replace")
            index += 3
    return Font(width, mapping)


def written_map(font: Font) -> bytes:
    """``font``'s map as a ToUnicode CMap, in the form Skia writes (bfchar blocks of at most 100)."""
    space = "<" + "00" * font.width + "> <" + "FF" * font.width + ">"
    pairs = [f"<{code.hex().upper()}> <{text.encode('utf-16-be').hex().upper()}>"
             for code, text in sorted(font.map.items())]
    blocks = "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
                     for chunk in (pairs[i:i + 100] for i in range(0, len(pairs), 100)))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
            "<<  /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n"
            f"/CMapType 2 def\n1 begincodespacerange\n{space}\nendcodespacerange\n{blocks}"
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()


# --- reading the pages ---------------------------------------------------------------------

#: An object (a font, a page) by its number and generation: a Type 3 font Skia writes serves every page.
Key = tuple[int, int]


@dataclasses.dataclass
class PageText:
    """What one page's content says: the words of the MCIDs asked for
    (:data:`NEW_LINE` where a line starts), and each glyph that /ActualText
    names alone: (font, code, text)."""

    marked: dict[int, list[str]] = dataclasses.field(default_factory=dict)
    named: list[tuple[Key, bytes, str]] = dataclasses.field(default_factory=list)


def read_page(content: bytes, fonts: Mapping[str, Key | None], maps: Mapping[Key, Font],
              wanted: Collection[int] = ()) -> PageText:
    """Read one page's content stream: its /ActualText spans, and the words of
    the MCIDs ``wanted``. ``fonts``: its resource names → its fonts, ``maps``:
    their ToUnicode maps."""
    def font_at(position: int) -> Key | None:
        """The font chosen last before ``position`` (each text object chooses its own)."""
        end = content.rfind(b" Tf", 0, position)
        while end >= 0:
            found = _FONT.match(content, content.rfind(b"/", 0, end))
            if found and found.end() == end + 3:
                return fonts.get(found.group(1).decode("latin-1"))
            end = content.rfind(b" Tf", 0, end)
        return None

    out = PageText()
    for span in _SPAN.finditer(content):
        shows = _SHOW.findall(span.group(2))
        inner = _FONT.findall(span.group(2))
        font = fonts.get(inner[-1].decode("latin-1")) if inner else font_at(span.start())
        code = _string(shows[0]) if len(shows) == 1 else b""
        if font is not None and code and len(code) == maps[font].width:
            out.named.append((font, code, text_string(span.group(1))))
    for found in _MARKED.finditer(content):
        mcid = int(found.group(1))
        if mcid in wanted:
            out.marked[mcid] = _words(content[found.end():_end(content, found.end())], font_at(found.start()),
                                      fonts, maps)
    return out


def _end(content: bytes, start: int) -> int:
    """Where the marked content begun just before ``start`` ends (at its EMC)."""
    depth = 1
    for found in _NESTING.finditer(content, start):
        depth += -1 if found.group(1) == b"EMC" else 1
        if depth == 0:
            return found.start()
    return len(content)


def _words(content: bytes, font: Key | None, fonts: Mapping[str, Key | None], maps: Mapping[Key, Font]
           ) -> list[str]:
    """What a piece of content shows: each glyph through its font's map, or
    the /ActualText it is in; :data:`NEW_LINE` where a line starts (Tm).
    Found by their operators, each at the end of its line as Skia writes them
    (a link's content is mostly the dots of its dotted underline: 40,000
    rectangles in the whole edition's, which a tokenizer would read one by one)."""
    out: list[str] = []
    saved: list[Key | None] = []
    actual: list[str | None] = []  # each marked content it is in: its /ActualText, or None
    covered = 0  # how many of them have /ActualText, which stands for the glyphs within
    for found in _OPERATOR.finditer(content):
        operator, at = found.group(1), found.start()
        if content[at - 1:at] not in (b"", b" ", b"\n", b">"):
            continue  # the end of another word (a name ending in q)
        if operator in (b"Tj", b"Tf", b"BDC", b"BMC"):
            line = content[content.rfind(b"\n", 0, at) + 1:at]
        if operator == b"Tj":
            if font is not None and not covered:
                out.append(maps[font].text(_shown(line[line.rfind(b" ", 0, len(line) - 1) + 1:].strip())))
        elif operator == b"Tf":
            name = _FONT.search(line + b"Tf ")
            font = fonts.get(name.group(1).decode("latin-1")) if name else None
        elif operator in (b"BDC", b"BMC"):
            text = _ACTUAL_TEXT.search(line)
            actual.append(text_string(text.group(1)) if text else None)
            covered += text is not None
        elif operator == b"EMC" and actual:
            text_of = actual.pop()
            covered -= text_of is not None
            if text_of is not None and not covered:
                out.append(text_of)
        elif operator == b"q":
            saved.append(font)
        elif operator == b"Q" and saved:
            font = saved.pop()
        elif operator == b"Tm":
            out.append(NEW_LINE)
    return out


def _shown(operand: bytes) -> bytes:
    """The codes a Tj or TJ shows: Skia's one hex string, or any strings of an array."""
    if operand[:1] == b"<":
        try:
            return bytes.fromhex(operand[1:-1].decode())
        except ValueError:
            pass
    return b"".join(_string(found.group(0)) for found in _STRING.finditer(operand))


class _Maps(dict):
    """Each font's ToUnicode map, read when first asked for (most are only drawn with)."""

    def __init__(self) -> None:
        super().__init__()
        self.fonts: dict[Key, pikepdf.Object] = {}

    def __missing__(self, key: Key) -> Font:
        font = self.fonts[key]
        unicode = font.get("/ToUnicode")
        width = 2 if font.get("/Subtype") == "/Type0" else 1
        self[key] = read_map(unicode.read_bytes(), width) if unicode is not None else Font(width, {})
        return self[key]


class _PageFonts(dict):
    """A page's fonts by resource name, looked up when first asked for (a
    page has a hundred or more: Skia's Type 3 fonts hold 256 glyphs each)."""

    def __init__(self, fonts: pikepdf.Dictionary, maps: _Maps) -> None:
        super().__init__()
        self.fonts, self.maps = fonts, maps

    def __missing__(self, name: str) -> Key | None:
        font = self.fonts.get("/" + name)
        key: Key | None = None
        if font is not None:
            key = font.objgen
            self.maps.fonts.setdefault(font.objgen, font)
        self[name] = key
        return key

    def get(self, name: str, default: Key | None = None) -> Key | None:  # type: ignore[override]
        found = self[name]
        return default if found is None else found


def mend(pdf: pikepdf.Pdf, wanted: Mapping[Key, Collection[int]] | None = None) -> dict[Key, PageText]:
    """Read every page, then mend each font's ToUnicode map where /ActualText
    says what a glyph stands for. What each page says, by the page's object:
    ``wanted`` says which MCIDs of which page to read the words of."""
    import pikepdf  # here: the module's constants serve pdf_finish without it

    maps = _Maps()
    read = {}
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        names = _PageFonts(fonts if isinstance(fonts, pikepdf.Dictionary) else pikepdf.Dictionary(), maps)
        read[page.obj.objgen] = read_page(_content(page), names, maps, (wanted or {}).get(page.obj.objgen, ()))
    said: dict[tuple[Key, bytes], set[str]] = {}
    for text in read.values():
        for key, code, actual in text.named:
            said.setdefault((key, code), set()).add(actual)
    mended: set[Key] = set()
    for (key, code), texts in said.items():
        unicode = maps.fonts[key].get("/ToUnicode")
        if len(texts) == 1 and unicode is not None and maps[key].map.get(code) != (actual := next(iter(texts))):
            maps[key].map[code] = actual
            mended.add(key)
    for key in sorted(mended):
        maps.fonts[key].ToUnicode.write(written_map(maps[key]))
    return read


def _content(page: pikepdf.Page) -> bytes:
    """A page's content: one stream, or an array of them read as one."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return b""
    parts = contents if isinstance(contents, pikepdf.Array) else [contents]
    return b"\n".join(part.read_bytes() for part in parts)
