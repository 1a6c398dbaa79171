"""Lifetime-model fit benchmark: the fit from scratch (a new shop's first classification, `shopcrm
clv fit`) beside the warm start from a stored fit, measured in the same run.

    .venv/bin/python tests/benchmarks/bench_lifetime_fit.py [--db PATH] [--rounds N] [--old]

The members' (x, t_x, T, m) are read as shopcrm.services.classification.run.fit_lifetime_models reads
them, from --db (default: the large demo shop /tmp/bench-large/large.db, opened read-only).  Each
round times shopcrm.engine.lifetime.fit_models (BG/NBD, Pareto/NBD, Gamma-Gamma) from scratch, then
from the fits it found (what every later classification does); it prints both, their ratio (wall
clock and CPU time of this process), the Pareto/NBD log-likelihoods and the largest slope of the
log-likelihood in a log-parameter where the scratch fit ended.  With --old the search from scratch as
it was before (Nelder-Mead with scipy's first simplex, L-BFGS-B over the whole box) runs once as the
reference.  Goal: from scratch in a few seconds at 50,000 members, ending at the warm start's
optimum (log-likelihood equal to ~1e-6 relative, slope near 0).
Not a pytest test: speed is never asserted in the test suite (the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from functools import partial
from pathlib import Path
from typing import Any

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)
import numpy as np
from scipy.optimize import minimize

from shopcrm.db.engine import Database, make_engine
from shopcrm.engine import clv
from shopcrm.engine.lifetime import CustomerData, fit_models, single_threaded_blas
from shopcrm.services.classification.run import lifetime_customers
from shopcrm.services.shop.settings import load_settings


def read_customers(path: Path) -> tuple[CustomerData, Any]:
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    db = Database(url, make_engine(url))
    params = load_settings(db).rules
    customers = lifetime_customers(db, dt.date.today(), params)
    db.dispose()
    return customers, params


def timed(fn: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def slope(fit: clv.ParetoNbdFit, d: CustomerData) -> float:
    _, grad = clv._paretonbd_objective(np.log([fit.r, fit.alpha, fit.s, fit.beta]), clv._ParetoData.of(d.x, d.t_x, d.T))
    return float(np.max(np.abs(grad)))


def old_from_scratch(d: CustomerData) -> float:
    """The search from scratch before this change, for the reference: its log-likelihood."""
    pdata = clv._ParetoData.of(d.x, d.t_x, d.T)
    bounds = [clv._LOG_BOUNDS, clv._LOG_BOUNDS, (clv._LOG_BOUNDS[0], np.log(clv.PARETO_MAX_S)), clv._LOG_BOUNDS]
    mean_T = float(np.mean(d.T))
    first = np.log([1.0, mean_T, 1.0, mean_T])
    coarse = minimize(clv._paretonbd_minus_loglik, first, args=(pdata,), method="Nelder-Mead", bounds=bounds,
                      options={"xatol": 1e-2, "fatol": 1e-2, "maxfev": 4000})
    result = minimize(clv._paretonbd_objective, coarse.x, args=(pdata,), jac=True, method="L-BFGS-B", bounds=bounds,
                      options=clv._LBFGS)
    return -float(min(result.fun, coarse.fun))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-large/large.db"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--old", action="store_true")
    args = parser.parse_args()
    d, params = read_customers(args.db)
    print(f"{d.x.size} customers, {int(np.count_nonzero(d.x > 0))} came back")
    scratch_times, warm_times = [], []
    with single_threaded_blas():
        if args.old:
            loglik, wall, cpu = timed(lambda: old_from_scratch(d))
            print(f"reference, the old search from scratch: {wall:.2f} s wall, {cpu:.2f} s CPU, log-likelihood {loglik:.4f}")
        for i in range(args.rounds):
            scratch, s_wall, s_cpu = timed(partial(fit_models, d, params))
            assert scratch.paretonbd is not None and scratch.bgnbd is not None and scratch.gammagamma is not None
            stored = {"paretonbd": scratch.paretonbd.to_dict(), "bgnbd": scratch.bgnbd.to_dict(),
                      "gammagamma": scratch.gammagamma.to_dict()}
            warm, w_wall, w_cpu = timed(partial(fit_models, d, params, stored))
            assert warm.paretonbd is not None
            scratch_times.append((s_wall, s_cpu))
            warm_times.append((w_wall, w_cpu))
            rel = abs(scratch.paretonbd.loglik - warm.paretonbd.loglik) / abs(warm.paretonbd.loglik)
            print(f"round {i + 1}: from scratch {s_wall:.2f} s wall {s_cpu:.2f} s CPU; warm {w_wall:.2f} s wall "
                  f"{w_cpu:.2f} s CPU; ratio {s_wall / w_wall:.1f}x wall {s_cpu / w_cpu:.1f}x CPU; Pareto/NBD "
                  f"log-likelihood {scratch.paretonbd.loglik:.4f} vs warm {warm.paretonbd.loglik:.4f} "
                  f"(relative difference {rel:.1e}); largest slope at the scratch end {slope(scratch.paretonbd, d):.3g}")
    s_wall = statistics.median(t[0] for t in scratch_times)
    s_cpu = statistics.median(t[1] for t in scratch_times)
    w_wall = statistics.median(t[0] for t in warm_times)
    w_cpu = statistics.median(t[1] for t in warm_times)
    print(f"median: from scratch {s_wall:.2f} s wall / {s_cpu:.2f} s CPU, warm {w_wall:.2f} s / {w_cpu:.2f} s, "
          f"ratio {s_cpu / w_cpu:.1f}x CPU.  Goal: from scratch a few seconds, at the warm optimum.")


if __name__ == "__main__":
    main()
