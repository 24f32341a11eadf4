"""scikit-learn peer of bench/mlp.ts: MLPClassifier(hidden_layer_sizes=(256, 128), adam 1e-3, alpha=0)
on the same data for the same epochs (max_iter = epochs, no early stopping). Prints one JSON line.

usage: mlp_sklearn.py DIR N_TRAIN N_TEST D K EPOCHS BATCHES(comma-separated)
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

d, n_tr, n_te, D, K, epochs = sys.argv[1], *map(int, sys.argv[2:7])
batches = [int(b) for b in sys.argv[7].split(",")]
Xtr = np.fromfile(os.path.join(d, "Xtr.f32"), dtype=np.float32).reshape(n_tr, D)
ytr = np.fromfile(os.path.join(d, "ytr.i32"), dtype=np.int32)
Xte = np.fromfile(os.path.join(d, "Xte.f32"), dtype=np.float32).reshape(n_te, D)
yte = np.fromfile(os.path.join(d, "yte.i32"), dtype=np.int32)

rows = []
for batch in batches:
    clf = MLPClassifier(hidden_layer_sizes=(256, 128), alpha=0.0, batch_size=batch, learning_rate_init=1e-3,
                        max_iter=epochs, tol=0.0, n_iter_no_change=epochs + 1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t0, c0 = time.perf_counter(), time.process_time()
        clf.fit(Xtr, ytr)
        train_s, train_c = time.perf_counter() - t0, time.process_time() - c0
    runs = []  # median of 15 timed inference passes (the same rule as the TypeScript side)
    for _ in range(15):
        t0, c0 = time.perf_counter(), time.process_time()
        pred = clf.predict(Xte)
        runs.append((time.perf_counter() - t0, time.process_time() - c0))
    infer_s, infer_c = sorted(runs)[7]
    rows.append({"batch": batch, "train": n_tr * epochs / train_s, "infer": n_te / infer_s, "acc": float((pred == yte).mean()),
                 "trainCpu": n_tr * epochs / train_c, "inferCpu": n_te / infer_c})

print(json.dumps({"version": sklearn.__version__, "rows": rows}))
