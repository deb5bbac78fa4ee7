#!/usr/bin/python3
"""make-fixtures.py -- small tagged PDFs that check-tagged.py must pass or fail.

Usage: make-fixtures.py OUTDIR FONT.ttf

Writes OUTDIR/good.pdf, a one-page tagged PDF that meets every check of
check-tagged.py (Document > Sect > H1, P, a Table with a TH row and a TD
row, a role-mapped Figure with /Alt, an artifact rule, the embedded TrueType
font FONT.ttf), and one OUTDIR/NAME.pdf per broken variant, each breaking
one check. Writes OUTDIR/expected: "NAME<TAB>text" lines, one for every
message check-tagged.py must print for NAME.pdf (a NAME may have several).
"""
import os
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name, String

# The page, painted in reading order: an artifact rule, then the H1, the P,
# the table's header cell and data cell, and the figure.
CONTENT = [
    ("rule", "/Artifact BMC 0.5 w 72 700 m 540 700 l S EMC"),
    ("h1", "/H1 <</MCID 0>> BDC BT /F1 18 Tf 72 710 Td (Monthly packet) Tj ET EMC"),
    ("p", "/P <</MCID 1>> BDC BT /F1 11 Tf 72 670 Td (No-show rate fell.) Tj ET EMC"),
    ("th", "/TH <</MCID 2>> BDC BT /F1 11 Tf 72 640 Td (Month) Tj ET EMC"),
    ("td", "/TD <</MCID 3>> BDC BT /F1 11 Tf 72 620 Td (12%) Tj ET EMC"),
    ("fig", "/Chart <</MCID 4>> BDC 72 400 200 100 re f EMC"),
]

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>{part}</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

CIDRANGE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 begincidrange
<20> <7E> 32
endcidrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def build(font_path, content=None, title="Monthly packet", part="1"):
    """The good fixture, with content lines (name -> operators) replaced."""
    pdf = pikepdf.new()
    lines = dict(CONTENT)
    lines.update(content or {})
    stream = "\n".join(v for v in lines.values() if v).encode()

    with open(font_path, "rb") as f:
        font_file = pdf.make_stream(f.read())
    descriptor = pdf.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/DejaVuSans"), Flags=32,
        FontBBox=Array([-1021, -463, 1793, 1232]), ItalicAngle=0, Ascent=928,
        Descent=-236, CapHeight=729, StemV=80, FontFile2=font_file))
    font = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/DejaVuSans"),
        FirstChar=32, LastChar=126, Widths=Array([600] * 95),
        Encoding=Name.WinAnsiEncoding, FontDescriptor=descriptor))
    page = pdf.make_indirect(Dictionary(
        Type=Name.Page, MediaBox=Array([0, 0, 612, 792]),
        Resources=Dictionary(Font=Dictionary(F1=font)),
        Contents=pdf.make_stream(stream), StructParents=0))
    pdf.pages.append(pikepdf.Page(page))
    page = pdf.pages[0].obj

    def element(stype, parent, kids=None, **extra):
        el = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + stype), P=parent, Pg=page))
        if kids is not None:
            el.K = kids
        for k, v in extra.items():
            el[Name("/" + k)] = v
        return el

    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc = element("Document", root)
    sect = element("Sect", doc)
    h1 = element("H1", sect, 0)
    p = element("P", sect, 1)
    table = element("Table", sect)
    tr1 = element("TR", table)
    th = element("TH", tr1, 2, A=Dictionary(O=Name.Table, Scope=Name.Column))
    tr2 = element("TR", table)
    td = element("TD", tr2, 3)
    fig = element("Chart", sect, 4, Alt=String("No-show rate by month: 12% in October, below its centre of 14%."))
    tr1.K = Array([th])
    tr2.K = Array([td])
    table.K = Array([tr1, tr2])
    sect.K = Array([h1, p, table, fig])
    doc.K = Array([sect])
    root.K = doc
    root.RoleMap = Dictionary(Chart=Name.Figure)
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array([h1, p, th, td, fig])])))
    root.ParentTreeNextKey = 1

    cat = pdf.Root
    cat.StructTreeRoot = root
    cat.MarkInfo = Dictionary(Marked=True)
    cat.Lang = String("en-US")
    cat.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    cat.Metadata = pdf.make_stream(XMP.format(title=title, part=part).encode(),
                                   Type=Name.Metadata, Subtype=Name.XML)
    pdf.docinfo[Name.Title] = String(title)
    named = dict(doc=doc, sect=sect, h1=h1, p=p, table=table, tr1=tr1, th=th, tr2=tr2,
                 td=td, fig=fig, root=root, font=font, descriptor=descriptor, page=page)
    return pdf, named


def without(key):
    return lambda pdf, o: o[key[0]].__delitem__(key[1])


def swap_first_two(pdf, o):
    o["sect"].K = Array([o["p"], o["h1"], o["table"], o["fig"]])


def th_to_td(pdf, o):
    o["th"].S = Name.TD
    del o["th"].A


def short_parent_array(pdf, o):
    o["root"].ParentTree.Nums = Array([0, Array([o["h1"], o["p"], o["th"], o["td"]])])


def wrong_parent(pdf, o):
    o["root"].ParentTree.Nums = Array([0, Array([o["p"], o["h1"], o["th"], o["td"], o["fig"]])])


def p_to_h3(pdf, o):
    o["p"].S = Name.H3


def h1_to_h2(pdf, o):
    o["h1"].S = Name.H2


def cidrange(pdf, o):
    o["font"].ToUnicode = pdf.make_stream(CIDRANGE)


def claim_extra(pdf, o):
    o["p"].K = Array([1, 9])


def td_in_table(pdf, o):
    o["table"].K = Array([o["tr1"], o["td"]])
    o["td"].P = o["table"]


def tr_in_sect(pdf, o):
    o["sect"].K = Array([o["h1"], o["p"], o["table"], o["tr2"], o["fig"]])
    o["table"].K = Array([o["tr1"]])


def li_in_sect(pdf, o):
    li = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.LI, P=o["sect"]))
    o["sect"].K = Array([o["h1"], o["p"], o["table"], o["fig"], li])


def no_rolemap(pdf, o):
    del o["root"].RoleMap


def no_info_title(pdf, o):
    del pdf.docinfo[Name.Title]


# name: (what check-tagged must say, content changes, build options, a change
# to the built objects)
VARIANTS = {
    "text-outside": (["content: text (Tj) outside marked content, 1 time"],
                     {"loose": "BT /F1 11 Tf 72 300 Td (Loose) Tj ET"}, {}, None),
    "path-outside": (["content: a path (f) outside marked content, 1 time"],
                     {"loose": "72 200 50 50 re f"}, {}, None),
    "figure-no-alt": (["Figure without /Alt"], {}, {}, without(("fig", "/Alt"))),
    "table-no-th": (["Table without a TH"], {"th": CONTENT[3][1].replace("/TH", "/TD")}, {}, th_to_td),
    "th-no-scope": (["TH without /Scope"], {}, {}, without(("th", "/A"))),
    "mcid-not-in-parent-tree": (["page 1: MCID 4 is missing from the parent tree"], {}, {}, short_parent_array),
    "parent-tree-wrong-element": (["page 1: parent tree: MCID 0 maps to another element"], {}, {}, wrong_parent),
    "mcid-unclaimed": (["page 1: MCID 5 is claimed by no structure element", "MCID 5 is missing from the parent tree"],
                       {"extra": "/P <</MCID 5>> BDC BT /F1 11 Tf 72 100 Td (Orphan) Tj ET EMC"}, {}, None),
    "claimed-not-painted": (["page 1: P claims MCID 9, which is not in the content stream"], {}, {}, claim_extra),
    "order-swapped": (["page 1: reading order: the tree reads MCID 1 where the page paints MCID 0"],
                      {}, {}, swap_first_two),
    "heading-skipped": (["heading level skipped: H1 then H3"], {}, {}, p_to_h3),
    "heading-first-h2": (["the first heading is H2, not H1"], {}, {}, h1_to_h2),
    "no-lang": (["catalog: no /Lang"], {}, {}, lambda pdf, o: pdf.Root.__delitem__("/Lang")),
    "no-markinfo": (["catalog: no /MarkInfo << /Marked true >>", "pdfinfo does not say 'Tagged: yes'"],
                    {}, {}, lambda pdf, o: pdf.Root.__delitem__("/MarkInfo")),
    "no-display-doc-title": (["catalog: no /ViewerPreferences << /DisplayDocTitle true >>"], {}, {},
                             lambda pdf, o: pdf.Root.__delitem__("/ViewerPreferences")),
    "no-xmp": (["catalog: no XMP /Metadata stream"], {}, {}, lambda pdf, o: pdf.Root.__delitem__("/Metadata")),
    "xmp-no-title": (["XMP metadata: no dc:title"], {}, {"title": ""}, None),
    "xmp-part-2": (["XMP metadata: no pdfuaid:part 1"], {}, {"part": "2"}, None),
    "no-info-title": (["document information: no /Title"], {}, {}, no_info_title),
    "no-struct-tree": (["catalog: no /StructTreeRoot"], {}, {},
                       lambda pdf, o: pdf.Root.__delitem__("/StructTreeRoot")),
    "no-struct-parents": (["page 1: no /StructParents"], {}, {}, without(("page", "/StructParents"))),
    "artifact-in-tagged": (["content: an artifact inside tagged content"],
                           {"p": "/P <</MCID 1>> BDC /Artifact BMC 72 660 m 200 660 l S EMC EMC"}, {}, None),
    "tagged-in-artifact": (["content: tagged content (MCID 1) inside an artifact"],
                           {"p": "/Artifact BMC /P <</MCID 1>> BDC BT /F1 11 Tf 72 670 Td (x) Tj ET EMC EMC"},
                           {}, None),
    "unbalanced": (["content: 1 BDC/BMC without EMC"],
                   {"fig": "/Chart <</MCID 4>> BDC 72 400 200 100 re f"}, {}, None),
    "td-outside-tr": (["TD inside Table, not in a TR"], {}, {}, td_in_table),
    "tr-outside-table": (["TR inside Sect, not in a Table, THead, TBody or TFoot"], {}, {}, tr_in_sect),
    "li-outside-l": (["LI inside Sect, not in an L"], {}, {}, li_in_sect),
    "type-not-mapped": (["structure tree: type Chart is not standard"], {}, {}, no_rolemap),
    "font-not-embedded": (["font DejaVuSans is not embedded"], {}, {}, without(("descriptor", "/FontFile2"))),
    "begincidrange": (["font DejaVuSans: its ToUnicode CMap has begincidrange", "pdftotext warned"],
                      {}, {}, cidrange),
}


def main(argv):
    if len(argv) != 3:
        print("usage: make-fixtures.py OUTDIR FONT.ttf", file=sys.stderr)
        return 2
    out, font = argv[1], argv[2]
    os.makedirs(out, exist_ok=True)
    pdf, _ = build(font)
    pdf.save(os.path.join(out, "good.pdf"), static_id=True)
    with open(os.path.join(out, "expected"), "w") as expected:
        for name, (messages, content, options, change) in VARIANTS.items():
            pdf, objects = build(font, content, **options)
            if change:
                change(pdf, objects)
            pdf.save(os.path.join(out, name + ".pdf"), static_id=True)
            for m in messages:
                expected.write(f"{name}\t{m}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
