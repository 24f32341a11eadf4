"""Peer for bench/pipeline.ts: scikit-learn's StratifiedKFold, stratified train_test_split and
compute_class_weight on the exact labels the TypeScript side wrote.

usage: pipeline_sklearn.py <prefix>   (reads <prefix>.y.i32)
Prints one JSON line: {"<case>": {"seconds": s, "counts": [...]}, "sklearn": version}.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.utils.class_weight import compute_class_weight

y = np.fromfile(sys.argv[1] + ".y.i32", dtype=np.int32)
n = len(y)
classes = np.unique(y)
out = {"sklearn": sklearn.__version__}

for shuffle in (False, True):
    t0 = time.perf_counter()
    cv = StratifiedKFold(n_splits=5, shuffle=shuffle, random_state=0 if shuffle else None)
    folds = list(cv.split(np.zeros((n, 1)), y))
    dt = time.perf_counter() - t0
    counts = [[int(c) for c in np.bincount(y[test], minlength=len(classes))] for _, test in folds]
    out["skf-shuffle" if shuffle else "skf"] = {"seconds": dt, "counts": counts}

idx = np.arange(n)
t0 = time.perf_counter()
tr, te = train_test_split(idx, test_size=0.2, stratify=y, random_state=0)
dt = time.perf_counter() - t0
out["tts"] = {"seconds": dt, "counts": [int(c) for c in np.bincount(y[te], minlength=len(classes))]}

t0 = time.perf_counter()
w = compute_class_weight("balanced", classes=classes, y=y)
out["ccw"] = {"seconds": time.perf_counter() - t0, "weights": w.tolist()}
print(json.dumps(out))
