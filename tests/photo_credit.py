"""What newsroom tools read as a published photo's credit: XMP (parsed here), IPTC IIM, EXIF, exiftool's view."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, IptcImagePlugin

_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}


def xmp(path: Path) -> dict[str, str]:
    """The XMP credit fields of a photo, read from the packet Pillow finds (JPEG APP1, WebP chunk, PNG iTXt)."""
    with Image.open(path) as im:
        packet = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp")
    if not packet:
        return {}
    root = ET.fromstring(packet.encode("utf-8") if isinstance(packet, str) else packet)
    found = {}
    for name, query in {
        "creator": ".//dc:creator/rdf:Seq/rdf:li",
        "rights": ".//dc:rights/rdf:Alt/rdf:li",
        "credit": ".//photoshop:Credit",
        "web_statement": ".//xmpRights:WebStatement",
    }.items():
        node = root.find(query, _NS)
        if node is not None:
            found[name] = node.text or ""
    return found


def iptc(path: Path) -> dict[tuple[int, int], bytes]:
    with Image.open(path) as im:
        return IptcImagePlugin.getiptcinfo(im) or {}  # type: ignore[return-value]


def exiftool(path: Path) -> dict | None:
    """exiftool's reading of the credit fields, or None where it is not installed."""
    if not shutil.which("exiftool"):
        return None
    out = subprocess.run(
        ["exiftool", "-j", "-charset", "iptc=UTF8", "-XMP-dc:Creator", "-XMP-photoshop:Credit", "-XMP-dc:Rights",
         "-XMP-xmpRights:WebStatement", "-IPTC:By-line", "-IPTC:Credit", "-IPTC:CopyrightNotice",
         "-IPTC:CodedCharacterSet", "-EXIF:Artist", "-EXIF:Copyright", str(path)],
        capture_output=True, check=True, text=True, encoding="utf-8",
    )  # fmt: skip
    return json.loads(out.stdout)[0]
