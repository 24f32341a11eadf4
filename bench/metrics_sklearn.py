"""Peer for bench/metrics.ts: scikit-learn's roc_auc_score on the exact arrays the TypeScript side wrote.

usage: metrics_sklearn.py <prefix> <n> <k>   (reads <prefix>.y.i32 and <prefix>.p.f64)
Prints one JSON line: {"<case>": {"seconds": s, "value": v}, ...}.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import roc_auc_score

prefix, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
y = np.fromfile(prefix + ".y.i32", dtype=np.int32)
p = np.fromfile(prefix + ".p.f64", dtype=np.float64).reshape(n, k)
labels = np.arange(k)
out = {"sklearn": sklearn.__version__}
for name, kw in [
    ("ovr-macro", dict(multi_class="ovr", average="macro")),
    ("ovr-weighted", dict(multi_class="ovr", average="weighted")),
    ("ovo-macro", dict(multi_class="ovo", average="macro")),
    ("ovo-weighted", dict(multi_class="ovo", average="weighted")),
]:
    t0 = time.perf_counter()
    v = roc_auc_score(y, p, labels=labels, **kw)
    out[name] = {"seconds": time.perf_counter() - t0, "value": float(v)}
print(json.dumps(out))
