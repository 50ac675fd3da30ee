"""Peer for the import benchmark: pandas read_excel (openpyxl) of the same workbook.

Setup (once): python3 -m venv bench/.venv && bench/.venv/bin/pip install pandas openpyxl
Run: bench/.venv/bin/python bench/pandas_read_excel.py FILE
Prints one JSON line with the wall time and the row count.
"""
import json
import sys
import time

import pandas as pd

path = sys.argv[1]
t = time.perf_counter()
frame = pd.read_excel(path, sheet_name=0)
elapsed = time.perf_counter() - t
print(json.dumps({"peer": "pandas.read_excel", "file": path, "rows": len(frame), "seconds": round(elapsed, 3)}))
