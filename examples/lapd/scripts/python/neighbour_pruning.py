"""How much of an exact k-NN search's distance work a prefix filter on the indicator columns would
skip, on the features written by examples/lapd/scripts/export-features.ts (the example's Encoder →
Scaler output: one-hot and Mocode indicator columns standard-scaled, a few numeric columns).

    npx tsx examples/lapd/scripts/export-features.ts '{"mocodes":150,"maxCategories":60}' /tmp/lapd-features
    /usr/bin/python3 examples/lapd/scripts/python/neighbour_pruning.py /tmp/lapd-features

A measurement for the design of the neighbour searches of the "Full-table scale" issue, not a
dependency of anything: Debian's python3-sklearn, run by hand (docs/benchmarks.md has its output).

The bound. A standard-scaled indicator column j takes two values, so two rows that differ in it
contribute exactly w_j = (hi_j − lo_j)² = 1 / (p_j (1 − p_j)) to their squared distance. Let A_q be
the columns where the query q holds the rarer value, sorted by w descending. A row that shares none
of the first m of them is at squared distance ≥ their w-sum. So once some upper bound τ on the k-th
neighbour's squared distance is known, only the rows sharing one of the shortest prefix P of A_q
with w-sum > τ can be among the k nearest: the union of P's posting lists (the rows holding the
rare value of a column). τ here: the k-th smallest distance within the posting list of q's heaviest
column (an upper bound whenever that list holds k + 1 rows); a query whose A_q sums to ≤ τ is
searched by brute force. The script asserts that every candidate set holds the true k + 1 nearest
(the query itself among them) and reports the distance evaluations (first bucket + candidates)
against brute force's queries × rows, at growing sample sizes: the trend is what a 1,000,000-row
table would see, which no real sample of ours is large enough to show directly.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.neighbors import NearestNeighbors

K = 5  # SMOTE's k_neighbors and ADASYN's n_neighbors: K + 1 rows with the query itself

prefix = sys.argv[1]
meta = json.load(open(prefix + ".json"))
n, d = meta["nTrain"], meta["cols"]
X = np.fromfile(prefix + ".train.f64").reshape(n, d)
y = np.array(meta["yTrain"])
lo, hi = X.min(0), X.max(0)
indicator = np.array([len(np.unique(X[:, j])) <= 2 for j in range(d)])
rare = np.where((X == hi).mean(0) <= 0.5, hi, lo)
w = (hi - lo) ** 2
print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; {meta['settings']}")
print(f"{n} rows x {d} columns, {indicator.sum()} indicator columns; w quantiles (10/50/90 %): "
      f"{np.round(np.quantile(w[indicator], [0.1, 0.5, 0.9]), 1).tolist()}")
print()
print("| search | queries × rows | distance work ÷ brute force | queries searched by brute force |")
print("|---|---|---:|---:|")


def measure(Q, C, label):
    holds = (C == rare) & indicator
    postings = [np.where(holds[:, j])[0] for j in range(d)]
    truth = NearestNeighbors(n_neighbors=K + 1, algorithm="brute").fit(C).kneighbors(Q)[0][:, K] ** 2
    work = 0
    brute = 0
    for i in range(len(Q)):
        active = np.where((Q[i] == rare) & indicator)[0]
        order = active[np.argsort(-w[active], kind="stable")]
        tau = np.inf
        if len(order) > 0:
            first = postings[order[0]]
            work += len(first)
            if len(first) >= K + 1:
                tau = np.partition(((C[first] - Q[i]) ** 2).sum(1), K)[K]
        cum = np.cumsum(w[order])
        m = np.searchsorted(cum, tau * (1 + 1e-9), side="right")
        if m >= len(order):
            work += len(C)
            brute += 1
            continue
        cand = np.unique(np.concatenate([postings[j] for j in order[: m + 1]]))
        inside = (((C[cand] - Q[i]) ** 2).sum(1) <= truth[i] * (1 + 1e-12)).sum()
        assert inside >= K + 1, f"query {i}: the candidates miss a true neighbour"
        work += len(cand)
    print(f"| {label} | {len(Q):,} × {len(C):,} | {work / (len(Q) * len(C)):.3f} | {brute / len(Q):.3f} |", flush=True)


rng = np.random.default_rng(0)
majority = max(set(y), key=list(y).count)
Xc = X[y == majority]
for f in (0.125, 0.25, 0.5, 1.0):
    idx = rng.permutation(len(Xc))[: int(f * len(Xc))]
    measure(Xc[idx], Xc[idx], f"one class in itself (SMOTE's search): {majority}, {len(idx):,} rows")
for f in (0.25, 0.5, 1.0):
    idx = rng.permutation(n)[: int(f * n)]
    minority = y[idx] != majority
    measure(X[idx][minority], X[idx], f"minority rows in all rows (ADASYN's search), {len(idx):,} rows")
