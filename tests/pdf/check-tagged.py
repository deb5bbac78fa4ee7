#!/usr/bin/python3
"""check-tagged.py -- does a PDF meet the machine-checkable part of PDF/UA-1?

Usage: check-tagged.py [--summary] FILE.pdf...

For each file, walks the catalog, the structure tree and every page's
content stream (with the form XObjects it paints) and checks:
  catalog    /MarkInfo /Marked true; /Lang a non-empty string;
             /ViewerPreferences /DisplayDocTitle true; an XMP /Metadata
             stream with a non-empty dc:title and pdfuaid:part 1; the
             document information's /Title;
  tree       /StructTreeRoot with /K and a /ParentTree number tree; every
             page has /StructParents;
  parents    the parent tree maps every (page, MCID) of the content streams
             to the element that claims it, and every MCID an element
             claims is in that page's content stream;
  marked     no text (Tj TJ ' "), path painting (S s f F f* B B* b b* sh)
             or image (Do, BI) outside marked content; an /MCID belongs to
             the tree, an /Artifact does not; no artifact inside tagged
             content and no tagged content inside an artifact; BDC/BMC/EMC
             balanced in every stream;
  elements   every Figure has a non-empty /Alt; every Table has a TH; every
             TH has /Scope (in /A, /O /Table); TR only in Table, THead, TBody
             or TFoot; TD and TH only in TR; LI only in L;
  headings   the first heading is H1 and no level is skipped;
  order      the depth-first order of the tree's MCIDs on each page equals
             their order in that page's content stream;
  types      every structure type is a standard PDF 1.7 one or role-mapped
             to one;
  fonts      every font is embedded; no ToUnicode CMap has "begincidrange";
  poppler    pdfinfo says "Tagged: yes"; pdftotext writes nothing to stderr.
With --summary it also prints, for each file, one line "check-tagged:
FILE: summary: H1=N H2=N Figure=N Table=N TH=N tagged=B artifact=B": how
many elements of those types the tree has, and the bytes of the strings
shown inside tagged content and inside artifacts (so a test can see that
the tags hold the text, not only that nothing is untagged).
Prints one line per failure, "check-tagged: FILE: page N: what is wrong"
("check-tagged: FILE: what is wrong" for the document as a whole), and
exits 1 if there was any, 2 on a usage error or a file pikepdf cannot open,
0 when every file passes.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pikepdf

STANDARD_TYPES = {
    # grouping
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC",
    "TOCI", "Index", "NonStruct", "Private",
    # block
    "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
    # inline
    "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot",
    "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP",
    # illustration
    "Figure", "Formula", "Form",
}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}
HEADING = re.compile(r"^H([1-6])$")

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


class Report:
    """The failures of one file, printed as they are found."""

    def __init__(self, path):
        self.path = path
        self.count = 0

    def fail(self, what, page=None):
        where = f"page {page}: " if page is not None else ""
        print(f"check-tagged: {self.path}: {where}{what}")
        self.count += 1


class Element:
    """A structure element: its type (role-mapped), its object, its parent,
    its children in order, and the (page, MCID) pairs it claims itself."""

    def __init__(self, obj, stype, raw, parent):
        self.obj = obj
        self.type = stype
        self.raw = raw
        self.parent = parent
        self.kids = []
        self.mcids = []  # (page index, mcid), in order, mixed with kids below
        self.order = []  # children and MCIDs in order: Element or (page, mcid)


def key(obj):
    """A hashable identity of a PDF object (indirect: its object number)."""
    if obj.is_indirect:
        return obj.objgen
    return ("direct", id(obj))


def as_text(value):
    if isinstance(value, pikepdf.String):
        return str(value)
    return None


# ---------------------------------------------------------------- catalog

def check_catalog(pdf, rep):
    root = pdf.Root
    mark = root.get("/MarkInfo")
    if not isinstance(mark, pikepdf.Dictionary) or mark.get("/Marked") is not True:
        rep.fail("catalog: no /MarkInfo << /Marked true >>")
    lang = as_text(root.get("/Lang"))
    if not lang or not lang.strip():
        rep.fail("catalog: no /Lang")
    prefs = root.get("/ViewerPreferences")
    if not isinstance(prefs, pikepdf.Dictionary) or prefs.get("/DisplayDocTitle") is not True:
        rep.fail("catalog: no /ViewerPreferences << /DisplayDocTitle true >>")
    info = pdf.trailer.get("/Info")
    title = as_text(info.get("/Title")) if isinstance(info, pikepdf.Dictionary) else None
    if not title or not title.strip():
        rep.fail("document information: no /Title")
    check_xmp(root.get("/Metadata"), rep)


def check_xmp(meta, rep):
    if not isinstance(meta, pikepdf.Stream):
        rep.fail("catalog: no XMP /Metadata stream")
        return
    try:
        xml = ET.fromstring(meta.read_bytes())
    except ET.ParseError as e:
        rep.fail(f"XMP metadata: not XML ({e})")
        return
    titles = [li.text or "" for li in xml.iterfind(".//dc:title//rdf:li", NS)]
    if not any(t.strip() for t in titles):
        rep.fail("XMP metadata: no dc:title")
    parts = [e.text or "" for e in xml.iterfind(".//pdfuaid:part", NS)]
    attr = "{%s}part" % NS["pdfuaid"]
    parts += [d.get(attr) for d in xml.iterfind(".//rdf:Description", NS) if d.get(attr)]
    if "1" not in [p.strip() for p in parts]:
        rep.fail("XMP metadata: no pdfuaid:part 1")


# ---------------------------------------------------------------- tree

def role_map(root):
    tree = root.get("/StructTreeRoot")
    rm = tree.get("/RoleMap") if isinstance(tree, pikepdf.Dictionary) else None
    if not isinstance(rm, pikepdf.Dictionary):
        return {}
    return {str(k)[1:]: str(v)[1:] for k, v in rm.items() if isinstance(v, pikepdf.Name)}


def resolve_type(raw, roles):
    """The standard type raw maps to, or None (cycles and dead ends)."""
    seen = set()
    t = raw
    while t not in STANDARD_TYPES:
        if t in seen or t not in roles:
            return None
        seen.add(t)
        t = roles[t]
    return t


def read_tree(pdf, page_index, rep):
    """The structure tree as Elements (a list of the root's children), or
    None when there is no usable tree."""
    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, pikepdf.Dictionary):
        rep.fail("catalog: no /StructTreeRoot")
        return None
    if "/K" not in tree:
        rep.fail("structure tree: the root has no /K")
        return None
    roles = role_map(pdf.Root)
    top = []
    seen = set()

    def kids_of(k):
        if isinstance(k, pikepdf.Array):
            return list(k)
        return [k]

    def walk(obj, parent, inherited_page):
        if key(obj) in seen:
            rep.fail("structure tree: an element appears twice (a cycle?)")
            return None
        seen.add(key(obj))
        raw = str(obj.get("/S", "/?"))[1:]
        stype = resolve_type(raw, roles)
        if stype is None:
            rep.fail(f"structure tree: type {raw} is not standard and not role-mapped to a standard type")
        el = Element(obj, stype or raw, raw, parent)
        page = inherited_page
        if "/Pg" in obj:
            page = page_index.get(key(obj.Pg))
        for k in kids_of(obj.get("/K", pikepdf.Array())):
            if isinstance(k, int) and not isinstance(k, bool):
                if page is None:
                    rep.fail(f"structure tree: {raw} claims MCID {k} with no /Pg")
                    continue
                el.mcids.append((page, k))
                el.order.append((page, k))
            elif isinstance(k, pikepdf.Dictionary):
                ktype = k.get("/Type")
                if ktype == pikepdf.Name.MCR:
                    kp = page_index.get(key(k.Pg)) if "/Pg" in k else page
                    if kp is None or "/MCID" not in k:
                        rep.fail(f"structure tree: {raw} has a marked-content reference with no page or MCID")
                        continue
                    el.mcids.append((kp, int(k.MCID)))
                    el.order.append((kp, int(k.MCID)))
                elif ktype == pikepdf.Name.OBJR:
                    continue
                elif "/S" in k:
                    child = walk(k, el, page)
                    if child is not None:
                        el.kids.append(child)
                        el.order.append(child)
        return el

    for k in kids_of(tree.K):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            el = walk(k, None, None)
            if el is not None:
                top.append(el)
    if not top:
        rep.fail("structure tree: no element under the root")
    return top


def elements(top):
    """Every element, depth first in tree order."""
    for el in top:
        yield el
        yield from elements(el.kids)


def claimed_in_order(top):
    """(page, mcid, element) depth first, in the tree's reading order."""
    for el in top:
        for item in el.order:
            if isinstance(item, Element):
                yield from claimed_in_order([item])
            else:
                yield item[0], item[1], el


def read_parent_tree(pdf, rep):
    """The parent tree's number tree flattened to {key: value}."""
    tree = pdf.Root.get("/StructTreeRoot")
    pt = tree.get("/ParentTree") if isinstance(tree, pikepdf.Dictionary) else None
    if not isinstance(pt, pikepdf.Dictionary):
        rep.fail("structure tree: no /ParentTree")
        return {}
    out = {}
    stack = [pt]
    while stack:
        node = stack.pop()
        nums = node.get("/Nums")
        if isinstance(nums, pikepdf.Array):
            for i in range(0, len(nums) - 1, 2):
                out[int(nums[i])] = nums[i + 1]
        kids = node.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        if nums is None and kids is None:
            rep.fail("structure tree: a /ParentTree node with neither /Nums nor /Kids")
    return out


def check_struct_parents(pdf, rep):
    for n, page in enumerate(pdf.pages, 1):
        if "/StructParents" not in page.obj:
            rep.fail("no /StructParents", page=n)


# ---------------------------------------------------------------- content

class Marked:
    """What the content streams of one page say: the MCIDs in order, and the
    failures of marked content found on the way."""

    def __init__(self):
        self.mcids = []
        self.tagged_bytes = 0
        self.artifact_bytes = 0


def properties_of(operand, resources):
    if isinstance(operand, pikepdf.Dictionary):
        return operand
    if isinstance(operand, pikepdf.Name) and isinstance(resources, pikepdf.Dictionary):
        props = resources.get("/Properties")
        if isinstance(props, pikepdf.Dictionary):
            return props.get(operand)
    return None


def scan_stream(source, resources, stack, marked, n, rep, what, depth=0):
    """Walks one content stream (a page or a form XObject) with the marked
    content open around it (stack: a list of "mcid", "artifact" or "other")."""
    try:
        instructions = pikepdf.parse_content_stream(source)
    except pikepdf.PdfError as e:
        rep.fail(f"{what}: cannot parse the content stream ({e})", page=n)
        return
    base = len(stack)
    outside = {}  # (kind, op) -> count of paints outside marked content
    for ins in instructions:
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            op, operands = "BI", []
        else:
            op, operands = str(ins.operator), ins.operands
        if op in ("BDC", "BMC"):
            tag = str(operands[0])[1:] if operands else "?"
            props = properties_of(operands[1], resources) if op == "BDC" and len(operands) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            if tag == "Artifact":
                if "mcid" in stack:
                    rep.fail(f"{what}: an artifact inside tagged content", page=n)
                if mcid is not None:
                    rep.fail(f"{what}: an /Artifact with an /MCID", page=n)
                stack.append("artifact")
            elif mcid is not None:
                if "artifact" in stack:
                    rep.fail(f"{what}: tagged content (MCID {mcid}) inside an artifact", page=n)
                if depth > 0:
                    rep.fail(f"{what}: MCID {mcid} inside a form XObject (not checked against the tree)", page=n)
                else:
                    marked.mcids.append(int(mcid))
                stack.append("mcid")
            else:
                stack.append("other")
        elif op == "EMC":
            if len(stack) <= base:
                rep.fail(f"{what}: EMC without BDC/BMC", page=n)
            else:
                stack.pop()
        elif op in TEXT_OPS or op in PAINT_OPS or op == "BI" or op == "Do":
            kind = "text" if op in TEXT_OPS else "a path" if op in PAINT_OPS else "an image"
            xobj = None
            if op == "Do" and operands and isinstance(resources, pikepdf.Dictionary):
                xobjs = resources.get("/XObject")
                if isinstance(xobjs, pikepdf.Dictionary):
                    xobj = xobjs.get(operands[0])
            if isinstance(xobj, pikepdf.Stream) and xobj.get("/Subtype") == pikepdf.Name.Form:
                if depth > 8:
                    rep.fail(f"{what}: form XObjects nested too deep", page=n)
                    continue
                scan_stream(xobj, xobj.get("/Resources", resources), stack, marked, n, rep,
                            f"form XObject {operands[0]}", depth + 1)
                continue
            if op in TEXT_OPS:
                shown = shown_bytes(operands)
                if "artifact" in stack:
                    marked.artifact_bytes += shown
                elif "mcid" in stack:
                    marked.tagged_bytes += shown
            if "mcid" not in stack and "artifact" not in stack:
                outside[(kind, op)] = outside.get((kind, op), 0) + 1
    for (kind, op), count in outside.items():
        rep.fail(f"{what}: {kind} ({op}) outside marked content, {count} time{'s' if count != 1 else ''}", page=n)
    if len(stack) != base:
        rep.fail(f"{what}: {len(stack) - base} BDC/BMC without EMC", page=n)
        del stack[base:]


def shown_bytes(operands):
    """The bytes of the strings a text operator shows."""
    total = 0
    for o in operands:
        if isinstance(o, pikepdf.String):
            total += len(bytes(o))
        elif isinstance(o, pikepdf.Array):
            total += sum(len(bytes(x)) for x in o if isinstance(x, pikepdf.String))
    return total


def scan_pages(pdf, rep):
    """[Marked] per page, in page order."""
    out = []
    for n, page in enumerate(pdf.pages, 1):
        marked = Marked()
        scan_stream(page.obj, page.obj.get("/Resources"), [], marked, n, rep, "content")
        dup = {m for m in marked.mcids if marked.mcids.count(m) > 1}
        for m in sorted(dup):
            rep.fail(f"MCID {m} used twice", page=n)
        out.append(marked)
    return out


# ---------------------------------------------------------------- links

def check_parent_tree(pdf, top, pages, rep):
    parents = read_parent_tree(pdf, rep)
    claims = {}
    for page, mcid, el in claimed_in_order(top):
        if (page, mcid) in claims:
            rep.fail(f"MCID {mcid} claimed by two elements", page=page + 1)
        claims[(page, mcid)] = el
    for i, page in enumerate(pdf.pages):
        n = i + 1
        sp = page.obj.get("/StructParents")
        arr = parents.get(int(sp)) if sp is not None else None
        if sp is not None and not isinstance(arr, pikepdf.Array):
            rep.fail(f"parent tree: no array for /StructParents {int(sp)}", page=n)
        for mcid in pages[i].mcids:
            el = claims.get((i, mcid))
            if el is None:
                rep.fail(f"MCID {mcid} is claimed by no structure element", page=n)
            if not isinstance(arr, pikepdf.Array):
                continue
            if mcid >= len(arr) or not isinstance(arr[mcid], pikepdf.Dictionary):
                rep.fail(f"MCID {mcid} is missing from the parent tree", page=n)
            elif el is not None and key(arr[mcid]) != key(el.obj):
                rep.fail(f"parent tree: MCID {mcid} maps to another element than the one that claims it", page=n)
    for (i, mcid), el in claims.items():
        if i >= len(pages) or mcid not in pages[i].mcids:
            rep.fail(f"{el.raw} claims MCID {mcid}, which is not in the content stream", page=i + 1)


def check_order(top, pages, rep):
    tree_order = {}
    for page, mcid, _ in claimed_in_order(top):
        tree_order.setdefault(page, []).append(mcid)
    for i, marked in enumerate(pages):
        want = [m for m in marked.mcids]
        got = [m for m in tree_order.get(i, []) if m in set(want)]
        want = [m for m in want if m in set(got)]
        if got != want:
            first = next(k for k, (a, b) in enumerate(zip(got, want)) if a != b)
            rep.fail(f"reading order: the tree reads MCID {got[first]} where the page paints MCID {want[first]}",
                     page=i + 1)


# ---------------------------------------------------------------- elements

def first_page(el):
    for item in el.order:
        if isinstance(item, Element):
            p = first_page(item)
            if p is not None:
                return p
        else:
            return item[0] + 1
    return None


def attribute_dicts(obj):
    a = obj.get("/A")
    if isinstance(a, pikepdf.Dictionary):
        return [a]
    if isinstance(a, pikepdf.Array):
        return [x for x in a if isinstance(x, pikepdf.Dictionary)]
    return []


def check_elements(top, rep):
    for el in elements(top):
        pg = first_page(el)
        ptype = el.parent.type if el.parent else "(root)"
        if el.type == "Figure":
            alt = as_text(el.obj.get("/Alt"))
            if not alt or not alt.strip():
                rep.fail("Figure without /Alt", page=pg)
        if el.type == "Table":
            if not any(e.type == "TH" for e in elements(el.kids)):
                rep.fail("Table without a TH", page=pg)
        if el.type == "TH":
            if not any(a.get("/O") == pikepdf.Name.Table and "/Scope" in a for a in attribute_dicts(el.obj)):
                rep.fail("TH without /Scope (in /A with /O /Table)", page=pg)
        if el.type == "TR" and ptype not in ("Table", "THead", "TBody", "TFoot"):
            rep.fail(f"TR inside {ptype}, not in a Table, THead, TBody or TFoot", page=pg)
        if el.type in ("TD", "TH") and ptype != "TR":
            rep.fail(f"{el.type} inside {ptype}, not in a TR", page=pg)
        if el.type == "LI" and ptype != "L":
            rep.fail(f"LI inside {ptype}, not in an L", page=pg)


def check_headings(top, rep):
    last = 0
    for el in elements(top):
        m = HEADING.match(el.type)
        if not m:
            continue
        level = int(m.group(1))
        if last == 0 and level != 1:
            rep.fail(f"the first heading is H{level}, not H1", page=first_page(el))
        elif level > last + 1 and last != 0:
            rep.fail(f"heading level skipped: H{last} then H{level}", page=first_page(el))
        last = level


# ---------------------------------------------------------------- fonts

def check_fonts(pdf, rep):
    seen = set()
    for n, page in enumerate(pdf.pages, 1):
        for font in page_fonts(page.obj.get("/Resources"), set()):
            if key(font) in seen:
                continue
            seen.add(key(font))
            name = str(font.get("/BaseFont", "/?"))[1:]
            sub = font.get("/Subtype")
            if sub != pikepdf.Name.Type3:
                desc_font = font
                if sub == pikepdf.Name.Type0:
                    df = font.get("/DescendantFonts")
                    desc_font = df[0] if isinstance(df, pikepdf.Array) and len(df) else font
                fd = desc_font.get("/FontDescriptor")
                if not isinstance(fd, pikepdf.Dictionary) or not any(
                        f in fd for f in ("/FontFile", "/FontFile2", "/FontFile3")):
                    rep.fail(f"font {name} is not embedded", page=n)
            tu = font.get("/ToUnicode")
            if isinstance(tu, pikepdf.Stream) and b"begincidrange" in tu.read_bytes():
                rep.fail(f"font {name}: its ToUnicode CMap has begincidrange", page=n)


def page_fonts(resources, visited):
    """The fonts of resources and of the form XObjects in it."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        for _, f in fonts.items():
            if isinstance(f, pikepdf.Dictionary):
                yield f
    xobjs = resources.get("/XObject")
    if isinstance(xobjs, pikepdf.Dictionary):
        for _, x in xobjs.items():
            if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == pikepdf.Name.Form \
                    and key(x) not in visited:
                visited.add(key(x))
                yield from page_fonts(x.get("/Resources"), visited)


# ---------------------------------------------------------------- poppler

def check_poppler(path, rep):
    try:
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=False)
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=False)
    except FileNotFoundError as e:
        rep.fail(f"cannot run poppler's tools ({e.filename})")
        return
    if not re.search(r"^Tagged:\s+yes$", info.stdout, re.M):
        rep.fail("pdfinfo does not say 'Tagged: yes'")
    warnings = [l for l in text.stderr.splitlines() if l.strip()]
    if warnings:
        rep.fail(f"pdftotext warned ({len(warnings)} lines on stderr), first: {warnings[0]}")


# ---------------------------------------------------------------- main

def summary(path, top, pages):
    counts = {t: 0 for t in ("H1", "H2", "Figure", "Table", "TH")}
    for el in elements(top or []):
        if el.type in counts:
            counts[el.type] += 1
    words = " ".join(f"{t}={c}" for t, c in counts.items())
    tagged = sum(m.tagged_bytes for m in pages)
    artifact = sum(m.artifact_bytes for m in pages)
    print(f"check-tagged: {path}: summary: {words} tagged={tagged} artifact={artifact}")


def check_file(path, want_summary=False):
    rep = Report(path)
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as e:
        print(f"check-tagged: {path}: cannot open ({e})", file=sys.stderr)
        return None
    with pdf:
        page_index = {key(p.obj): i for i, p in enumerate(pdf.pages)}
        check_catalog(pdf, rep)
        check_struct_parents(pdf, rep)
        pages = scan_pages(pdf, rep)
        top = read_tree(pdf, page_index, rep)
        if top is not None:
            check_parent_tree(pdf, top, pages, rep)
            check_order(top, pages, rep)
            check_elements(top, rep)
            check_headings(top, rep)
        check_fonts(pdf, rep)
        if want_summary:
            summary(path, top, pages)
    check_poppler(path, rep)
    return rep.count


def main(argv):
    want_summary = len(argv) > 1 and argv[1] == "--summary"
    files = argv[2:] if want_summary else argv[1:]
    if not files or files[0].startswith("-"):
        print("usage: check-tagged.py [--summary] FILE.pdf...", file=sys.stderr)
        return 2
    status = 0
    for path in files:
        count = check_file(path, want_summary)
        if count is None:
            status = 2
        elif count and status == 0:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
