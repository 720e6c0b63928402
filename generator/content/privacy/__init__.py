"""Finding personal data, and the names of authors who did not agree to be named, in what a reader will see.

A hit is a validation error: an editor removes it, nothing guesses or rewrites. Every text is scanned as a
reader (or a program reading the open data) would see it, through a *scan copy*:

- HTML comments and tags removed (a tag's attributes and a comment's text are scanned on their own), HTML
  entities decoded until nothing changes (``&amp;#48;`` -> ``0``), a few percent escapes decoded (``%40``);
- NFKC applied (full-width ``０９１２`` -> ``0912``, ``＠`` -> ``@``), format characters (Unicode category Cf:
  zero-width and direction marks, soft hyphen, word joiner, tag characters…), Hangul and Braille fillers and
  stray combining marks removed;
- Markdown backslash escapes and emphasis markers removed (``Mười **Mộ**t``, ``0912**345**678``, ``\\-``);
  a Markdown field that holds link syntax is also rendered and scanned as rendered;
- lines joined: a number or a name split over two lines is one finding, reported on the line where it starts.

Caught (errors):

- Vietnamese phone numbers with any separators between digits (spaces of every width, dots, dashes, slashes,
  parentheses, bars, invisible characters) and any prefix: ``0912 345 678``, ``+84 (0) 912…``, ``84912345678``,
  ``0084 912…``, ``(024) 3825 1234``: mobiles 03/05/07/08/09 + 8 digits, landlines 02x + 8 digits; the same in
  messaging and call links (``wa.me/…``, ``zalo.me/…``, ``t.me/+…``, ``tel:``, ``sms:``, ``viber:``), where a
  foreign number of 9–15 digits is caught too; a phone or ID number read out in words, digit by digit
  (``không chín một hai ba bốn năm sáu bảy tám``), alone or mixed with figures.
- E-mail addresses, obfuscated ones included: ``ten [at] mien.vn``, ``ten (at) mien dot vn``,
  ``ten @ mien . vn``, ``ten（a）mien.vn``, ``ten a còng mien chấm vn``, ``&#64;``, ``＠``.
- ID numbers: a 12-digit CCCD (it starts with a province code 001–096) however it is grouped, with one kind of
  separator (``001 203 004 567``, ``001-203-004-567``, ``001.203.004.567``); a 9-digit CMND when it starts
  with 0, when its separator is one money never uses (``-``), or when it is written in one piece
  (``123456789``) with no unit or currency word around it.
- Withheld names (authors with ``consent_public: false``), compared on folded text (case, marks and ``đ``,
  Cyrillic and Greek look-alike letters) as whole words: the full name anywhere (a two-syllable one
  capitalised, unless the whole text is lowercase), also run together: in one word (``tranbimat``), or in
  part, as a reader sees ``NguyễnThị Hoa`` with a zero-width space put for a space, each word whole syllables
  and one joining several written with the name's marks or a capital for each syllable (``NguyenThi Hoa``),
  so that ``Doanh thu`` is never ``Đỗ Anh Thư``; a capital after a small letter starts a word, as a reader
  sees ``củaNguyễn Thị Hoa``; a shorter form — the given name,
  or the last syllables — only after a form of address or a title (``anh``, ``chị``, ``ông``, ``bà``,
  ``KS.``, ``đ/c``, ``tổ trưởng`` …), capitalised, and with the marks it is written with (``anh Mạnh``,
  never ``giảm mạnh`` nor ``có ba năm`` for a withheld ``Năm``).
  An author known by one syllable also matches as the last word of a full name (``Nguyễn Văn Mạnh``).
  Collective authors (``Công đoàn …``, ``Tổ …``, ``Nhóm …``) are not people and are never searched.

Use: ``scan_document(data, hidden, markdown_fields)`` for a record's or a story's front matter,
``scan_text(body, hidden, markdown=True)`` for a story's body; ``hidden`` is a list of withheld names or a
``WithheldNames`` prepared once — for a story, ``WithheldNames(cited_records_names, whole_names=catalogue)``
also finds, as full names only, the withheld authors of records it does not cite.

Not an error, by rule (money and a CMND written in thousands have the same shape, so context decides):

- money and counts: a first group of 1–3 digits not led by 0, then groups of exactly 3 with one separator
  (``.``, ``,`` or a space): ``1.250.000.000 đ``, ``12.000 sản phẩm``; a number followed by a currency or a
  unit word (``đ``, ``đồng``, ``triệu``, ``tỷ``, ``%``, ``sản phẩm``, ``kWh`` …) or after a quantity word
  (``khoảng``, ``hơn``, ``đạt`` …);
- dates (``15/08/2022``, ``2022-08-15``), years and ranges of years, percentages, decimals (``3,5 %``,
  ``106.660172``: a number does not start or end after a decimal point, and two groups joined by a dot or a
  comma are a decimal unless the first has leading zeros), standards (``ISO 9001:2015``,
  ``TCVN 5699-1:2010``): none has the digits or the prefix of a phone or an ID.

Flagged although not personal, knowingly: a company's 10-digit tax code that starts like a mobile number
(``03…``), nine zeros or more read out as words (``không không không…``), and, in a text written without any
marks, words whose letters run a withheld name's syllables together (``doanh thu`` for ``Đỗ Anh Thư``).

Knowingly not caught:

- a CMND (9 digits, not led by 0) grouped in threes with dots, commas or spaces (``123.456.789``): it is
  written exactly as an amount or a count;
- phone formats retired in 2017–2018 (10-digit landlines ``04 3825 1234``, 11-digit mobiles ``0123…``),
  hotlines (1800/1900) and numbers split by words other than digit words (``0912 rồi 345 678``);
- a number spelt with tens and hundreds (``chín trăm mười hai…``) rather than digit by digit;
- a withheld name written with other marks (``anh Mãnh`` for ``Mạnh``) in a short form, a short form
  without a form of address or run together (``anh VănMạnh``, ``anhMạnh``), a full name run into the word
  after it (``Nguyễn Thị Hoađã``), or into the word before it without a capital (``củanguyễn thị hoa``), or
  run together without its marks in lowercase or capitals (``nguyenthi hoa`` in a text with marks), the
  surname and given name without the middle name (``Nguyễn Mạnh``: it is how streets and historical figures
  are named), or a name spelt with letters from other scripts than the look-alikes folded here;
- text inside images.
"""

from generator.content.privacy.hits import KINDS
from generator.content.privacy.names import WithheldNames, is_person
from generator.content.privacy.scan import scan_document, scan_text

__all__ = ["KINDS", "WithheldNames", "is_person", "scan_document", "scan_text"]
