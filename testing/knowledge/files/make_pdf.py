"""Writes care.pdf: a small two-page PDF (Helvetica text, one content stream a
page) with a correct cross-reference table, and broken.pdf: the same file cut
short and scrambled, which no reader can open. Run from this folder: python3 make_pdf.py
"""

pages = [
    [
        "Caring for your teapot",
        "Rinse a clay teapot with hot water only; soap stays in the clay.",
        "Dry it upside down with the lid off so no damp smell builds up.",
    ],
    [
        "Storing tea leaves",
        "Keep leaves in an airtight tin away from light, heat and strong smells.",
        "Green tea keeps its flavour for about six months after opening.",
    ],
]


def stream(lines):
    ops = ["BT", "/F1 18 Tf", "72 760 Td", f"({lines[0]}) Tj", "/F1 11 Tf"]
    for line in lines[1:]:
        ops += ["0 -24 Td", f"({line}) Tj"]
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


objects = []  # bodies, object n at index n - 1
objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
for i, lines in enumerate(pages):
    content = stream(lines)
    objects.append(
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
    )
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")

out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for n, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for off in offsets:
    out += b"%010d 00000 n \n" % off
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
with open("care.pdf", "wb") as f:
    f.write(out)

broken = bytearray(out[:300])
broken[20:60] = b"\x00" * 40
with open("broken.pdf", "wb") as f:
    f.write(bytes(broken) + b"\nthis is not the rest of a PDF\n")
