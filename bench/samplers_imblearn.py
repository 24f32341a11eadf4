"""Peer for bench/samplers.ts: generates the data set and times imbalanced-learn on it.

    /usr/bin/python3 bench/samplers_imblearn.py gen <prefix> <n> <d>
        writes <prefix>.X (float64, n × (d+4)) and <prefix>.y (int32)
    /usr/bin/python3 bench/samplers_imblearn.py run <prefix> <n> <d> <sampler>
        SMOTE | ADASYN | SMOTENC (k = 5) | BorderlineSMOTE | KMeansSMOTE | SMOTEN | SMOTEENN | SMOTETomek |
        ClusterCentroids | InstanceHardnessThreshold | FunctionSampler | makeImbalance | TomekLinks |
        EditedNearestNeighbours | RepeatedEditedNearestNeighbours | AllKNN | CondensedNearestNeighbour |
        OneSidedSelection | NeighbourhoodCleaningRule | NearMiss-1 | NearMiss-2 | NearMiss-3 (as bench/samplers.ts says)

The data: scikit-learn's make_classification with 6 classes (weights 0.70, 0.12, 0.10, 0.05, 0.02,
0.01), one cluster per class, then 4 categorical columns (integer codes 0..5, class-dependent)
appended for SMOTENC. Every line printed last is JSON.
"""
import json
import os
import resource
import sys
import time

import numpy as np

WEIGHTS = [0.70, 0.12, 0.10, 0.05, 0.02, 0.01]


def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def gen(prefix, n, d):
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=n, n_features=d, n_informative=min(d, 16), n_redundant=min(4, d - min(d, 16)),
        n_classes=6, n_clusters_per_class=1, weights=WEIGHTS, flip_y=0, random_state=0,
    )
    rng = np.random.RandomState(1)
    cat = (rng.randint(0, 4, size=(n, 4)) + y[:, None]) % 6
    Xall = np.hstack([X, cat.astype(np.float64)])
    np.ascontiguousarray(Xall, dtype=np.float64).tofile(prefix + ".X")
    y.astype(np.int32).tofile(prefix + ".y")
    print(json.dumps({"n": n, "d": d, "counts": np.bincount(y).tolist()}))


def make(sampler, d, y):
    """The imbalanced-learn sampler measured against ours (same options as bench/samplers.ts)."""
    from imblearn import FunctionSampler
    from imblearn.combine import SMOTEENN, SMOTETomek
    from imblearn.datasets import make_imbalance
    from imblearn.over_sampling import ADASYN, SMOTE, SMOTEN, SMOTENC, BorderlineSMOTE, KMeansSMOTE
    from imblearn.under_sampling import (
        AllKNN,
        ClusterCentroids,
        CondensedNearestNeighbour,
        EditedNearestNeighbours,
        InstanceHardnessThreshold,
        NearMiss,
        NeighbourhoodCleaningRule,
        OneSidedSelection,
        RepeatedEditedNearestNeighbours,
        TomekLinks,
    )
    from sklearn.naive_bayes import GaussianNB

    if sampler == "makeImbalance":
        classes, counts = np.unique(y, return_counts=True)
        halves = {int(c): int(m // 2) for c, m in zip(classes, counts) if m > counts.min()}

        class MakeImbalance:
            def fit_resample(self, X, y):
                return make_imbalance(X, y, sampling_strategy=halves, random_state=0)

        return MakeImbalance()
    return {
        "SMOTE": lambda: SMOTE(k_neighbors=5, random_state=0),
        "ADASYN": lambda: ADASYN(n_neighbors=5, random_state=0),
        "SMOTENC": lambda: SMOTENC(categorical_features=list(range(d, d + 4)), k_neighbors=5, random_state=0),
        "BorderlineSMOTE": lambda: BorderlineSMOTE(random_state=0),
        "KMeansSMOTE": lambda: KMeansSMOTE(cluster_balance_threshold=0.01, random_state=0),
        "SMOTEN": lambda: SMOTEN(random_state=0),
        "SMOTEENN": lambda: SMOTEENN(random_state=0),
        "SMOTETomek": lambda: SMOTETomek(random_state=0),
        "ClusterCentroids": lambda: ClusterCentroids(random_state=0),
        "InstanceHardnessThreshold": lambda: InstanceHardnessThreshold(estimator=GaussianNB(), random_state=0),
        "FunctionSampler": lambda: FunctionSampler(),
        "TomekLinks": lambda: TomekLinks(),
        "EditedNearestNeighbours": lambda: EditedNearestNeighbours(),
        "RepeatedEditedNearestNeighbours": lambda: RepeatedEditedNearestNeighbours(),
        "AllKNN": lambda: AllKNN(),
        "CondensedNearestNeighbour": lambda: CondensedNearestNeighbour(random_state=0),
        "OneSidedSelection": lambda: OneSidedSelection(random_state=0),
        "NeighbourhoodCleaningRule": lambda: NeighbourhoodCleaningRule(),
        "NearMiss-1": lambda: NearMiss(version=1),
        "NearMiss-2": lambda: NearMiss(version=2),
        "NearMiss-3": lambda: NearMiss(version=3),
    }[sampler]()


def run(prefix, n, d, sampler):
    import imblearn

    Xall = np.fromfile(prefix + ".X", dtype=np.float64).reshape(n, d + 4)
    y = np.fromfile(prefix + ".y", dtype=np.int32)
    if sampler == "SMOTENC":
        X = Xall
    elif sampler == "SMOTEN":
        X = np.ascontiguousarray(Xall[:, d:])
    else:
        X = np.ascontiguousarray(Xall[:, :d])
    s = make(sampler, d, y)
    del Xall
    base = rss_mib()
    t0 = time.perf_counter()
    Xr, yr = s.fit_resample(X, y)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "seconds": seconds, "peakMiB": max(0.0, peak - base), "rows": int(Xr.shape[0]), "cols": int(Xr.shape[1]),
        "imblearn": imblearn.__version__, "numpy": np.__version__,
    }))


if __name__ == "__main__":
    mode, prefix, n, d = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if mode == "gen":
        gen(prefix, n, d)
    else:
        run(prefix, n, d, sys.argv[5])
