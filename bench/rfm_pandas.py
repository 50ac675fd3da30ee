"""pandas RFM over the Online Retail CSV: the peer of the analysis benchmark,
and a second independent implementation of domain.md §2 (same rules as
bench/rfm_reference.sql).

Setup: python3 -m venv bench/.venv && bench/.venv/bin/pip install pandas
Run:   bench/.venv/bin/python bench/rfm_pandas.py ../shared/data/online-retail/online_retail.csv [OUT.csv]
Prints JSON with the time of the RFM step alone and of the whole script; writes
one row per customer to OUT.csv when given.
"""
import json
import sys
import time

import pandas as pd

start = time.perf_counter()
path = sys.argv[1]
raw = pd.read_csv(path, dtype={"InvoiceNo": str, "CustomerID": str}, parse_dates=["InvoiceDate"])
read = time.perf_counter()

t = time.perf_counter()
raw["day"] = raw["InvoiceDate"].dt.normalize()
raw["amount"] = raw["Quantity"] * raw["UnitPrice"]
as_of = raw["day"].max() + pd.Timedelta(days=1)
keyed = raw.dropna(subset=["CustomerID"]).copy()
keyed["customer"] = keyed["CustomerID"].astype(float).astype(int)
orders = keyed.groupby(["InvoiceNo", "customer"], as_index=False).agg(day=("day", "min"), amount=("amount", "sum"))
purchases = orders[orders["amount"] > 0]
rfm = purchases.groupby("customer").agg(last=("day", "max"), frequency=("day", "size"))
rfm["recency"] = (as_of - rfm["last"]).dt.days
rfm["monetary"] = orders.groupby("customer")["amount"].sum().reindex(rfm.index)
n = len(rfm)
score = lambda s: 1 + (5 * (s.rank(method="min").astype(int) - 1)) // n
rfm["r"] = score(-rfm["recency"])
rfm["f"] = score(rfm["frequency"])
rfm["m"] = score(rfm["monetary"].round(6))
cells = {
    "champions": [55, 54, 45], "loyal": [53, 44, 35, 34], "potential_loyalist": [52, 42, 33, 43],
    "new": [51], "promising": [41, 31], "need_attention": [32, 23, 22], "about_to_sleep": [21],
    "at_risk": [25, 24, 13], "cant_lose_them": [15, 14], "hibernating": [12], "lost": [11],
}
segment_of = {cell: name for name, cs in cells.items() for cell in cs}
rfm["segment"] = (rfm["r"] * 10 + (rfm["f"] + rfm["m"] + 1) // 2).map(segment_of)
rfm_seconds = time.perf_counter() - t

if len(sys.argv) > 2:
    rfm[["recency", "frequency", "monetary", "r", "f", "m", "segment"]].to_csv(sys.argv[2])
print(json.dumps({
    "peer": "pandas RFM",
    "customers": n,
    "read_csv_s": round(read - start, 3),
    "rfm_step_s": round(rfm_seconds, 3),
    "total_s": round(time.perf_counter() - start, 3),
}))
