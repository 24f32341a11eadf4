#!/usr/bin/python3
"""scikit-learn peer of bench/encoder.ts: same table recipe, same steps, same measurements.

usage: encoder_sklearn.py <rows> <config>   config: onehot-grouped | ordinal | onehot-full
Prints one JSON line: {"encode": {"seconds", "cpuSeconds", "peakMiB"}, "scale": {...}, "shape": [r, c], ...}.

Peak memory = the larger of (a) RSS sampled every 5 ms by a thread and (b) the process's
peak RSS (ru_maxrss) after the step, each minus the RSS just before the step.
"""
import gc
import json
import resource
import sys
import threading
import time

import numpy as np
import sklearn
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

CARDINALITIES = [10, 25, 50, 100, 200, 300, 12]
N_NUMERIC = 3
MIN_FREQUENCY = 0.001
MAX_CATEGORIES = 32
PAGE = resource.getpagesize()


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def make_table(n, seed=42):
    """7 categorical columns (Zipf-like 1/(k+1) weights, 1% missing) and 3 normal numeric columns."""
    rng = np.random.default_rng(seed)
    cols = []
    for j, k in enumerate(CARDINALITIES):
        pool = np.array(["c%d_%d" % (j, i) for i in range(k)] + [np.nan], dtype=object)
        w = 1.0 / np.arange(1, k + 1)
        w = np.append(w / w.sum() * 0.99, 0.01)
        cols.append(pool[rng.choice(k + 1, size=n, p=w)])
    cat = np.empty((n, len(CARDINALITIES)), dtype=object)
    for j, c in enumerate(cols):
        cat[:, j] = c
    num = rng.normal(0.0, 1.0, (n, N_NUMERIC)) * np.array([1.0, 10.0, 100.0])
    num[rng.random((n, N_NUMERIC)) < 0.01] = np.nan
    return cat, num


def measure(fn):
    gc.collect()
    base = rss()
    base_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    peak = [base]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], rss())
            time.sleep(0.005)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    t0 = time.perf_counter()
    c0 = time.process_time()
    out = fn()
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    stop.set()
    t.join()
    peak[0] = max(peak[0], rss())
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    grow = peak[0] - base
    if ru > base_max:
        grow = max(grow, ru - base)
    return out, {"seconds": seconds, "cpuSeconds": cpu, "peakMiB": grow / 2 ** 20}


def main():
    n = int(sys.argv[1])
    config = sys.argv[2]
    cat, num = make_table(n)
    if config == "onehot-grouped":
        enc = OneHotEncoder(sparse_output=False, handle_unknown="infrequent_if_exist",
                            min_frequency=MIN_FREQUENCY, max_categories=MAX_CATEGORIES)
    elif config == "onehot-full":
        enc = OneHotEncoder(sparse_output=False, handle_unknown="ignore")
    elif config == "ordinal":
        enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)
    else:
        raise SystemExit("unknown config " + config)

    def encode():
        return np.hstack([enc.fit_transform(cat), num])

    X, m_enc = measure(encode)
    _, m_scale = measure(lambda: StandardScaler().fit_transform(X))
    print(json.dumps({"encode": m_enc, "scale": m_scale, "shape": list(X.shape),
                      "sklearn": sklearn.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
