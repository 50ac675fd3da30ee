"""The peer for the labels benchmark (issue #16): ReportLab, the usual Python
PDF library, drawing the same A4 sheets of 12 labels (86.4 x 42.3 mm) from
the address list `horetsu list --format address` wrote, in the same bundled
IPAex Gothic (ReportLab embeds a subset of a TrueType font, as Horetsu does).
Same layout: 〒 and postal code, the address (smaller to fit), the building,
the name with 様. Usage: python labels_reportlab.py ADDRESSES.csv OUT.pdf
(needs bench/.venv with reportlab: python3 -m venv bench/.venv &&
bench/.venv/bin/pip install reportlab)."""
import csv
import sys
import time
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "ipaexg.ttf"
W, H = 210 * mm, 297 * mm
LW, LH = 86.4 * mm, 42.3 * mm
LEFT, TOP = (W - 2 * LW) / 2, (H - 6 * LH) / 2


def fitting(text, width, size, floor):
    natural = pdfmetrics.stringWidth(text, "IPAexGothic", 1.0)
    if natural <= 0:
        return size
    return max(floor, min(size, int(width / natural * 2) / 2))


def main():
    started = time.perf_counter()
    pdfmetrics.registerFont(TTFont("IPAexGothic", str(FONT)))
    with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    c = canvas.Canvas(sys.argv[2], pagesize=(W, H))
    inner = LW - 12 * mm
    for i, r in enumerate(rows):
        slot = i % 12
        if i and slot == 0:
            c.showPage()
        row, col = divmod(slot, 2)
        left = LEFT + col * LW + 6 * mm
        top = H - (TOP + row * LH)
        y = top - 5 * mm - 9
        c.setFont("IPAexGothic", 10)
        c.drawString(left, y, "〒" + r["郵便番号"])
        y -= 14
        address = r["都道府県"] + r["市区町村"] + r["番地"]
        size = fitting(address, inner, 10, 8)
        c.setFont("IPAexGothic", size)
        c.drawString(left, y, address)
        y -= size + 2.5
        if r["建物"]:
            size = fitting(r["建物"], inner, 9, 7)
            c.setFont("IPAexGothic", size)
            c.drawString(left, y, r["建物"])
        name = r["氏名"].strip() + "　様"
        size = fitting(name, inner - 4 * mm, 14, 9)
        c.setFont("IPAexGothic", size)
        c.drawString(left + 4 * mm, top - LH + 6.5 * mm, name)
    c.showPage()
    c.save()
    print(f"reportlab: {len(rows)} labels in {time.perf_counter() - started:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
