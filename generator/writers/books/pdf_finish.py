"""The PDF Chromium printed, finished: what Chromium leaves out or gets wrong,
put right after printing (pikepdf, over qpdf).

* The text layer: each font's ToUnicode map says what its glyphs stand for
  (:mod:`pdf_text`: Skia maps Noto CJK's shared glyphs to radicals).
* Each link annotation gets /Contents, the words it covers, which a screen
  reader says for it (PDF/UA asks for it; Chromium writes none).
* The structure tree gets a /RoleMap: Chromium tags ``<strong>`` and
  ``<em>`` as /Strong and /Em, standard in PDF 2.0 but not in the PDF 1.4
  it writes, where a type that is not standard must be mapped to one that
  is. The tags say what the book means (a lead sentence is strong), so they
  are kept and mapped (to /Span), not replaced.
* The metadata: Chromium writes the title, its user agent as creator and no
  XMP. The book's ``<meta>`` (author, description, keywords, generator) and
  language go into the document information dictionary and an XMP packet,
  which the PDF/A and PDF/UA profiles read.
* The dates: the edition's (:func:`fixed_dates`), not the time it was printed.

The same PDF and HTML give the same bytes: qpdf writes the objects in the
order it finds them and an /ID made from the file's own bytes.

What it costs (``bench/bench_pdf.py``): 0.05 s for the 2021 excerpt, 0.5 s
for the 2024 book, 0.7 s for the whole seed edition, about a third of the
printing; half of it is qpdf reading and writing every object (the Type 3
fonts make 10,000, one stream a glyph), the rest reading the pages.
"""

from __future__ import annotations

import io
import re
import time
from typing import TYPE_CHECKING

from generator.writers.books import pdf_text
from generator.writers.markup import read_text
from generator.writers.markup import text as markup_text

if TYPE_CHECKING:
    import pikepdf

# pikepdf is imported where a PDF is opened: fixed_dates and info_span, which
# read bytes, serve without it (pdf.ours on a machine that cannot print).

#: PDF 2.0's own structure types, and the PDF 1.7 type each plays: Chromium writes /Strong,
#: /Em and /Aside (for <strong>, <em>, <aside>); the others are there for what it may write next.
ROLES = {"Strong": "Span", "Em": "Span", "Aside": "Div", "Title": "H", "FENote": "Note", "Sub": "Span",
         "DocumentFragment": "Div"}
#: The <meta> of the book's HTML each information dictionary entry is made from.
_INFO = {"/Author": "author", "/Subject": "description", "/Keywords": "keywords", "/Creator": "generator"}
_META = re.compile(r'<meta name="([^"]+)" content="([^"]*)">')
_LANGUAGE = re.compile(r'<html lang="([^"]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
#: Chinese (and full-width) characters: a line breaks between two of them, or beside one, with no space.
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
#: Where one element of a link ends and the next begins (a label's Chinese, its English).
_NEW_ELEMENT = "\u2029"
_ELEMENT_BREAK = re.compile(rf"(\S?)[\s{_NEW_ELEMENT}]*{_NEW_ELEMENT}\s*(\S?)")
_LINE_BREAK = re.compile(rf"(\S?)\s*{pdf_text.NEW_LINE}\s*(\S?)")


def finished(data: bytes, document: str, date: int) -> bytes:
    """The PDF ``data`` Chromium printed from the HTML ``document``, finished (the module's notes),
    dated ``date`` (seconds since 1970: :func:`book.edition_date`)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        links = _links(pdf)
        wanted: dict[pdf_text.Key, set[int]] = {}
        for _, pieces in links:
            for piece in pieces:
                if isinstance(piece, tuple):
                    wanted.setdefault(piece[0], set()).add(piece[1])
        pages = pdf_text.mend(pdf, wanted)
        for annotation, pieces in links:
            words = _joined("".join(p if isinstance(p, str) else "".join(pages[p[0]].marked.get(p[1], []))
                                    for p in pieces))
            if words:
                annotation.Contents = pikepdf.String(words)
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            root.RoleMap = pikepdf.Dictionary({f"/{kind}": pikepdf.Name(f"/{role}") for kind, role in ROLES.items()})
        _describe(pdf, document)
        out = io.BytesIO()
        # No object streams: the dates stay where fixed_dates finds them.
        # Skia's streams as they are (qpdf would decode and encode them again), the new ones compressed.
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, deterministic_id=True,
                 fix_metadata_version=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return fixed_dates(out.getvalue(), date)


#: What a link covers: its marked content, each as (page, MCID), with new lines and new elements between.
_Pieces = list[tuple[pdf_text.Key, int] | str]


def _links(pdf: pikepdf.Pdf) -> list[tuple[pikepdf.Object, _Pieces]]:
    """Each link annotation, and the marked content of the link (the structure element) it belongs to."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return []  # not tagged: nothing says which words a link covers
    parents = pikepdf.NumberTree(root.ParentTree)
    out = []
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link" or "/StructParent" not in annotation:
                continue
            element = parents.get(int(annotation.StructParent))
            if isinstance(element, pikepdf.Dictionary):
                out.append((annotation, _marked(element, page.obj)))
    return out


def _marked(element: pikepdf.Dictionary, page: pikepdf.Object) -> _Pieces:
    """The marked content of a structure element, in order: a new line between
    two of its sequences (a line of text each), a new element between two of its elements."""
    import pikepdf

    page = element.get("/Pg", page)
    kids = element.get("/K")
    out: _Pieces = []
    for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, int):
            out += [pdf_text.NEW_LINE, (page.objgen, int(kid))]
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            out += [pdf_text.NEW_LINE, (kid.get("/Pg", page).objgen, int(kid.MCID))]
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out += [_NEW_ELEMENT, *_marked(kid, page)]
    return out


def _joined(text: str) -> str:
    """A link's words as one line. Where one element ends and the next begins
    (a label's Chinese, its English), a space unless both sides are Chinese;
    where a line breaks, a space only between two words of English (Chinese
    is broken anywhere, English at its spaces)."""
    def joint(found: re.Match, line: bool) -> str:
        before, after = found.group(1), found.group(2)
        wide = [bool(_WIDE.match(before)), bool(_WIDE.match(after))]
        joined = not before or not after or (any(wide) if line else all(wide))
        return before + ("" if joined else " ") + after

    text = _ELEMENT_BREAK.sub(lambda found: joint(found, False), text)
    return " ".join(_LINE_BREAK.sub(lambda found: joint(found, True), text).split())


def _describe(pdf: pikepdf.Pdf, document: str) -> None:
    """The information dictionary and the XMP packet, from the book's HTML."""
    import pikepdf

    meta = {name: read_text(value) for name, value in _META.findall(document)}
    info = pdf.docinfo
    # The epoch, as Skia writes a date: fixed_dates writes the edition's over it. Not the time
    # it was printed, which would change the /ID qpdf makes from the file's bytes.
    info.CreationDate = info.ModDate = pikepdf.String(time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(0)))
    found = _LANGUAGE.search(document)
    language = found.group(1) if found else ""
    found = _TITLE.search(document)
    title = read_text(found.group(1)) if found else str(info.get("/Title", ""))
    info.Title = pikepdf.String(title)
    for key, name in _INFO.items():
        if meta.get(name):
            info[key] = pikepdf.String(meta[name])
    if language:
        pdf.Root.Lang = pikepdf.String(language)
    producer = str(info.get("/Producer", ""))
    pdf.Root.Metadata = pdf.make_stream(_xmp(title, meta, language, producer).encode("utf-8"),
                                        Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


def _xmp(title: str, meta: dict[str, str], language: str, producer: str) -> str:
    """The XMP packet: Dublin Core, XMP and PDF properties that say what the information dictionary says.
    Its dates are those of the epoch, written over by :func:`fixed_dates` at the same length."""
    def text(value: str) -> str:  # XML text, escaped as HTML text is
        return str(markup_text(value))

    keywords = [k.strip() for k in meta.get("keywords", "").split(",") if k.strip()]
    languages = [language, "en"] if language and language != "en" else [language or "en"]
    epoch = _XMP_STAMP.format(*time.gmtime(0)[:6])
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" \
xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{text(meta.get("author", ""))}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(meta.get("description", ""))}</rdf:li></rdf:Alt>\
</dc:description>
<dc:subject><rdf:Bag>{"".join(f"<rdf:li>{text(k)}</rdf:li>" for k in keywords)}</rdf:Bag></dc:subject>
<dc:language><rdf:Bag>{"".join(f"<rdf:li>{text(k)}</rdf:li>" for k in languages)}</rdf:Bag></dc:language>
<pdf:Keywords>{text(meta.get("keywords", ""))}</pdf:Keywords>
<pdf:Producer>{text(producer)}</pdf:Producer>
<xmp:CreatorTool>{text(meta.get("generator", ""))}</xmp:CreatorTool>
<xmp:CreateDate>{epoch}</xmp:CreateDate>
<xmp:ModifyDate>{epoch}</xmp:ModifyDate>
<xmp:MetadataDate>{epoch}</xmp:MetadataDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


# --- the dates ---------------------------------------------------------------------------

#: The information dictionary's dates, as Skia and qpdf write them: D:YYYYMMDDHHmmSS and the zone.
_DATE = re.compile(rb"/(?:CreationDate|ModDate) *\(D:(\d{14})([^)]*)\)")
#: UTC written as long as a zone Skia wrote, so that no byte moves.
_UTC = {7: b"+00'00'", 6: b"+00'00", 1: b"Z", 0: b""}
#: The XMP packet's dates, always written in UTC, to the second.
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ(</xmp:)")
_XMP_STAMP = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z"


def fixed_dates(data: bytes, date: int) -> bytes:
    """The PDF with ``date`` (seconds since 1970: :func:`book.edition_date`) in place of the
    time Chromium printed it, so that the same HTML gives the same bytes.

    Chromium writes the time of printing as /CreationDate and /ModDate of the
    document information dictionary, and Page.printToPDF has no option for it;
    nothing else in the file changes from one printing to the next. The new
    dates are written over the old ones at the same length, in the
    dictionary and in the XMP packet (never compressed: PDF/A asks so), so
    every offset in the cross-reference table stays right, and a PDF kept
    under its HTML alone (:mod:`build.downloads`) is dated as each build says."""
    span = info_span(data)
    if span is None:
        return data
    begin, end = span
    moment = time.gmtime(date)
    stamp = time.strftime("%Y%m%d%H%M%S", moment).encode()

    def fixed(found: re.Match) -> bytes:
        zone = _UTC.get(len(found.group(2)))
        if zone is None or len(stamp) != 14:
            return found.group(0)  # a form Skia does not write: left alone rather than shifted
        return found.group(0)[:found.start(1) - found.start(0)] + stamp + zone + b")"

    data = data[:begin] + _DATE.sub(fixed, data[begin:end]) + data[end:]
    xmp_stamp = _XMP_STAMP.format(*moment[:6]).encode()
    if len(xmp_stamp) != 20:  # a year before 1000 or after 9999
        return data
    return _XMP_DATE.sub(lambda found: found.group(1) + xmp_stamp + found.group(2), data)


def info_span(data: bytes) -> tuple[int, int] | None:
    """Where the document information dictionary's object is (found from the trailer)."""
    info = re.search(rb"trailer\s*<<.*?/Info (\d+) 0 R", data[-4096:], re.S)
    if info is None:
        return None
    begin = data.find(b"\n%s 0 obj" % info.group(1)) + 1
    end = data.find(b"endobj", begin)
    return (begin, end) if begin and end >= 0 else None
