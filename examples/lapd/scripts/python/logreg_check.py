"""Fits scikit-learn's LogisticRegression on the features written by examples/lapd/scripts/export-features.ts
and prints the test-set one-vs-rest ROC-AUC (macro, weighted, per class) and the balanced accuracy of
the prior-corrected argmax, for a few regularisation strengths C.

    /usr/bin/python3 examples/lapd/scripts/python/logreg_check.py /tmp/lapd-features

A diagnostic for the example's README (is a weak score the features' fault or the training's?),
not a dependency of anything: Debian's python3-sklearn, run by hand.
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score, roc_auc_score

prefix = sys.argv[1]
meta = json.load(open(prefix + ".json"))
Xtr = np.fromfile(prefix + ".train.f64").reshape(meta["nTrain"], meta["cols"])
Xte = np.fromfile(prefix + ".test.f64").reshape(meta["nTest"], meta["cols"])
ytr, yte = np.array(meta["yTrain"]), np.array(meta["yTest"])
print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; {meta['settings']}; {meta['cols']} columns")
warnings.filterwarnings("ignore")
for C in [float(c) for c in (sys.argv[2:] or ["0.003", "0.01", "0.1", "1"])]:
    m = LogisticRegression(C=C, max_iter=3000).fit(Xtr, ytr)
    P = m.predict_proba(Xte)
    priors = np.array([np.mean(ytr == c) for c in m.classes_])
    bal = [balanced_accuracy_score(yte, m.classes_[np.argmax(P / priors**a, 1)]) for a in (0, 0.5, 1)]
    per = " ".join(f"{c} {roc_auc_score(yte == c, P[:, j]):.3f}" for j, c in enumerate(m.classes_))
    print(f"C={C}: AUC ovr macro {roc_auc_score(yte, P, multi_class='ovr'):.3f} weighted "
          f"{roc_auc_score(yte, P, multi_class='ovr', average='weighted'):.3f}; balanced accuracy "
          f"a=0 {bal[0]:.3f} a=0.5 {bal[1]:.3f} a=1 {bal[2]:.3f}; per class: {per}")
