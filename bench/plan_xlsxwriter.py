"""The peer of `horetsu export` (issue #6): Python XlsxWriter in constant_memory
mode writing exactly the cells of Horetsu's workbook (dumped by
examples/bench_export.rs), with the same kinds of formats (text, quote-prefixed
text, yen, integers, dates), a frozen header and an autofilter per sheet.

It only writes: the cells are loaded before the clock starts, and no analysis,
plan or chart is computed (Horetsu's time includes all of them).

Usage: bench/.venv/bin/python bench/plan_xlsxwriter.py CELLS.json OUT.xlsx RUNS
(bench/.venv: python3 -m venv bench/.venv && bench/.venv/bin/pip install xlsxwriter)
"""
import json
import statistics
import sys
import time

import xlsxwriter


def write(sheets, out):
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    base = {"font_name": "游ゴシック", "font_size": 10}
    text = wb.add_format(base)
    quoted = wb.add_format({**base, "quote_prefix": True})
    header = wb.add_format({**base, "bold": True, "bg_color": "#F3E3E6", "bottom": 1})
    number = wb.add_format({**base, "num_format": "#,##0.##"})
    date = wb.add_format({**base, "num_format": "yyyy/mm/dd"})
    for sheet in sheets:
        ws = wb.add_worksheet(sheet["name"])
        rows = sheet["rows"]
        width = max((len(r) for r in rows), default=1)
        ws.set_column(0, width - 1, 12)
        ws.freeze_panes(1, 0)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                kind, value = cell
                if kind == "s":
                    if r == 0:
                        ws.write_string(r, c, value, header)
                    else:
                        ws.write_string(r, c, value, quoted if value[:1] in "=+-@" and value else text)
                elif kind == "n":
                    ws.write_number(r, c, value, number)
                else:
                    ws.write_number(r, c, value, date)
        ws.autofilter(0, 0, max(len(rows) - 1, 1), width - 1)
    wb.close()


def main():
    cells_path, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(cells_path, encoding="utf-8") as f:
        sheets = json.load(f)
    n = sum(1 for s in sheets for row in s["rows"] for c in row if c is not None)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        write(sheets, out)
        times.append(time.perf_counter() - t)
    print(json.dumps({"what": "XlsxWriter constant_memory, same cells", "cells": n, "runs": runs,
                      "median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3)}))


if __name__ == "__main__":
    main()
