"""Peer for bench/knn.ts: generates the data set and times scikit-learn's NearestNeighbors on it.

    /usr/bin/python3 bench/knn_sklearn.py gen  <prefix> <n> <d>             # writes <prefix>.X (float64 n × d), <prefix>.y (int32)
    /usr/bin/python3 bench/knn_sklearn.py run  <prefix> <n> <d> <workload>  # smote | adasyn; writes <prefix>.<workload>.idx

Data: make_classification with 6 classes (weights 0.70, 0.12, 0.10, 0.05, 0.02, 0.01), one cluster
per class (the recipe of bench/samplers_imblearn.py without its categorical columns).
Workloads, k = 5 as in SMOTE / ADASYN (which ask k + 1 and drop column 0):
  smote:  for each minority class c, NearestNeighbors(6).fit(X_c).kneighbors(X_c)
  adasyn: NearestNeighbors(6).fit(X), then kneighbors(X_c) for each minority class c
The neighbour indices (int32, concatenated over classes; smote: columns 1..5, adasyn: all 6) are
written next to the data so the TypeScript side can count agreement. The last line printed is JSON.
"""
import json
import sys
import time

import numpy as np

WEIGHTS = [0.70, 0.12, 0.10, 0.05, 0.02, 0.01]


def gen(prefix, n, d):
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=n, n_features=d, n_informative=min(d, 16), n_redundant=min(4, d - min(d, 16)),
        n_classes=6, n_clusters_per_class=1, weights=WEIGHTS, flip_y=0, random_state=0,
    )
    np.ascontiguousarray(X, dtype=np.float64).tofile(prefix + ".X")
    y.astype(np.int32).tofile(prefix + ".y")
    print(json.dumps({"n": n, "d": d, "counts": np.bincount(y).tolist()}))


def run(prefix, n, d, workload):
    import sklearn
    from sklearn.neighbors import NearestNeighbors

    X = np.fromfile(prefix + ".X", dtype=np.float64).reshape(n, d)
    y = np.fromfile(prefix + ".y", dtype=np.int32)
    classes = [c for c in np.unique(y) if c != np.argmax(np.bincount(y))]
    out = []
    t0 = time.perf_counter()
    if workload == "smote":
        for c in classes:
            Xc = X[y == c]
            idx = NearestNeighbors(n_neighbors=6).fit(Xc).kneighbors(Xc, return_distance=False)
            out.append(idx[:, 1:])
    else:
        nn = NearestNeighbors(n_neighbors=6).fit(X)
        for c in classes:
            out.append(nn.kneighbors(X[y == c], return_distance=False))
    seconds = time.perf_counter() - t0
    np.concatenate(out).astype(np.int32).tofile(prefix + "." + workload + ".idx")
    print(json.dumps({"seconds": seconds, "sklearn": sklearn.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        run(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
