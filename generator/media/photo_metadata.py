"""The credit and licence written into published photos, the way newsroom tools read them.

Picture desks read IPTC and XMP (UTF-8), not EXIF: XMP carries the Vietnamese credit (dc:creator, dc:rights,
photoshop:Credit) and the address of the site's licence page (xmpRights:WebStatement); JPEGs also get an IPTC
IIM block declaring UTF-8 (1:90), read by older tools. EXIF Artist and Copyright are ASCII by definition, so they
hold the credit with its marks removed ("Nguyen Van An"), never raw UTF-8 that tools would show as mojibake.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import Image

from generator.common.text import strip_marks

_EXIF_ARTIST, _EXIF_COPYRIGHT = 0x013B, 0x8298
_UTF8 = b"\x1b%G"  # ISO 2022 escape for UTF-8: IIM record 1, dataset 90 (CodedCharacterSet)


@dataclass(frozen=True)
class Credit:
    credit: str | None  # who took the photo, as the content says
    licence: str | None  # the photo's licence, as the content says ("CC BY 4.0")
    statement: str  # the site's licence page, absolute

    @property
    def rights(self) -> str:
        """One line for dc:rights and the IPTC copyright notice: "Ảnh: …. Giấy phép: …"."""
        parts = [f"Ảnh: {self.credit}" if self.credit else "", f"Giấy phép: {self.licence}" if self.licence else ""]
        return ". ".join(p for p in parts if p)


def ascii_text(text: str) -> str:
    """Marks removed and đ folded, for EXIF's ASCII fields; anything still outside ASCII is dropped."""
    return strip_marks(text).replace("đ", "d").replace("Đ", "D").encode("ascii", "ignore").decode()


def exif(c: Credit) -> Image.Exif:
    data = Image.Exif()
    if c.credit:
        data[_EXIF_ARTIST] = ascii_text(c.credit)
    if c.rights:
        data[_EXIF_COPYRIGHT] = ascii_text(c.rights)
    return data


def xmp(c: Credit) -> bytes:
    def value(text: str) -> str:
        return escape(text, {'"': "&quot;"})

    fields = []
    if c.credit:
        fields.append(f"<dc:creator><rdf:Seq><rdf:li>{value(c.credit)}</rdf:li></rdf:Seq></dc:creator>")
        fields.append(f"<photoshop:Credit>{value(c.credit)}</photoshop:Credit>")
    if c.rights:
        alt = f'<rdf:Alt><rdf:li xml:lang="x-default">{value(c.rights)}</rdf:li></rdf:Alt>'
        fields.append(f"<dc:rights>{alt}</dc:rights>")
        fields.append(f"<xmpRights:UsageTerms>{alt}</xmpRights:UsageTerms>")
    fields.append(f"<xmpRights:WebStatement>{value(c.statement)}</xmpRights:WebStatement>")
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">'
        + "".join(fields)
        + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    )
    return text.encode("utf-8")


def _dataset(record: int, number: int, value: bytes) -> bytes:
    return struct.pack(">BBBH", 0x1C, record, number, len(value)) + value


def iptc_segment(c: Credit) -> bytes:
    """An APP13 segment (Photoshop image resource 0x0404) holding IPTC IIM in UTF-8: by-line (2:80), credit
    (2:110), copyright notice (2:116). Values are written whole: the standard's 32-byte limits of by-line and
    credit would cut most Vietnamese names of units in two, and readers take longer values."""
    iim = _dataset(1, 90, _UTF8)
    for number, text in ((80, c.credit), (110, c.credit), (116, c.rights)):
        if text:
            iim += _dataset(2, number, text.encode("utf-8")[:2000].decode("utf-8", "ignore").encode("utf-8"))
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim)) + iim
    if len(iim) % 2:
        resource += b"\x00"  # resources are padded to an even length
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
