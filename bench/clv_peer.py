#!/usr/bin/env python3
"""Peer benchmark for src-tauri/core/src/analytics/clv.rs: the Python package
`lifetimes` (0.11.3) fitting the same models on the same data.

Install (Python 3.11; these exact pins were checked to import and fit):

    python3 -m venv /tmp/lt
    /tmp/lt/bin/pip install lifetimes==0.11.3 numpy==2.4.6 pandas==3.1.1 \
        scipy==1.17.1 autograd==1.9.1 dill==0.4.1 setuptools==65.5.0

(lifetimes imports pkg_resources, so setuptools must be one that still ships
it; the latest numpy/pandas/scipy work otherwise.)

Usage:

    /tmp/lt/bin/python bench/clv_peer.py              # timing JSON
    /tmp/lt/bin/python bench/clv_peer.py --reference  # numbers used in clv.rs tests

Prints {"bgnbd_fit_s": ..., "gamma_gamma_fit_s": ..., "params": {...}}: the
median wall time of 5 BetaGeoFitter.fit calls on the CDNOW summary
(2,357 customers, weeks) and of 5 GammaGammaFitter.fit calls on the 946
CDNOW repeat buyers from tests/fixtures/cdnow/. The CDNOW summary is read
from $HORETSU_SHARED_DATA/cdnow/ (default: ../shared/data beside the repo).
"""

import json
import os
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("HORETSU_SHARED_DATA", os.path.join(REPO, "..", "shared", "data"))
SUMMARY = os.path.join(SHARED, "cdnow", "cdnow_customers_summary.csv")
MONETARY = os.path.join(REPO, "tests", "fixtures", "cdnow", "cdnow_customers_summary_with_transactions.csv")


def load():
    s = pd.read_csv(SUMMARY)
    m = pd.read_csv(MONETARY)
    rb = m[m["x"] > 0]
    return s, rb


def median_time(fn, runs=5):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench():
    s, rb = load()
    bg_s, bgf = median_time(lambda: BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"]))
    gg_s, ggf = median_time(lambda: GammaGammaFitter().fit(rb["x"], rb["zbar"]))
    params = {k: float(v) for k, v in bgf.params_.items()}
    params.update({k: float(v) for k, v in ggf.params_.items()})
    print(json.dumps({"bgnbd_fit_s": bg_s, "gamma_gamma_fit_s": gg_s, "params": params}))


def reference():
    """Reference values hard-coded in the tests of clv.rs."""
    from autograd import grad, hessian
    from scipy.optimize import minimize

    s, rb = load()
    x = s["frequency"].values.astype(int)
    tx, big_t = s["recency"].values, s["T"].values
    w = np.ones(len(x))

    def tight(nll, start):
        # BFGS, then one exact Newton step with autograd's gradient and Hessian.
        lp = minimize(nll, np.log(start), method="BFGS", options={"gtol": 1e-12}).x
        lp = lp - np.linalg.solve(hessian(nll)(lp), grad(nll)(lp))
        return [float(v) for v in np.exp(lp)], float(nll(lp))

    bg_nll = lambda lp: BetaGeoFitter._negative_log_likelihood(lp, x, tx, big_t, w, 0.0)
    p, f = tight(bg_nll, [0.2426, 4.4135, 0.7929, 2.4258])
    print("BG/NBD MLE in weeks (r, alpha, a, b):", p, "log-likelihood:", -f * len(x))
    bgf = BetaGeoFitter().fit(x, tx, big_t)
    print("BetaGeoFitter().fit params_:", {k: float(v) for k, v in bgf.params_.items()})

    xr, mr = rb["x"].values.astype(float), rb["zbar"].values
    gg_nll = lambda lp: GammaGammaFitter._negative_log_likelihood(lp, xr, mr, np.ones(len(xr)), 0.0)
    p, f = tight(gg_nll, [6.25, 3.74, 15.45])
    print("Gamma-Gamma MLE (p, q, v):", p, "log-likelihood:", -f * len(xr))
    ggf = GammaGammaFitter().fit(rb["x"], rb["zbar"])
    print("GammaGammaFitter().fit params_:", {k: float(v) for k, v in ggf.params_.items()})

    fixed = BetaGeoFitter()
    fixed.params_ = pd.Series({"r": 0.2426, "alpha": 4.4135, "a": 0.7929, "b": 2.4258})
    si = s.set_index("ID")
    for cid in [1, 3, 157, 244]:
        c = si.loc[cid]
        e = fixed.conditional_expected_number_of_purchases_up_to_time(39, c["frequency"], c["recency"], c["T"])
        pa = fixed.conditional_probability_alive(c["frequency"], c["recency"], c["T"])
        print(f"ID {cid} (x, t_x, T) = ({c['frequency']}, {c['recency']}, {c['T']}):",
              "E[X(39)] =", repr(float(e)), "P(alive) =", repr(float(np.asarray(pa)[0])))
    gg = GammaGammaFitter()
    gg.params_ = pd.Series({"p": 6.25, "q": 3.74, "v": 15.45})
    for fm in [(0, 0.0), (1, 50.0), (5, 22.35)]:
        print("E[M |", fm, "] =", repr(float(gg.conditional_expected_average_profit(*fm))))


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    if "--reference" in sys.argv[1:]:
        reference()
    else:
        bench()
