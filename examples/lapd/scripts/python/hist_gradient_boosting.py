"""The HistGradientBoosting reference row of examples/lapd/README.md: scikit-learn's
HistGradientBoostingClassifier fitted on exactly the features the example's MLP sees, per seed.

For each seed, examples/lapd/scripts/export-features.ts writes that seed's stratified 25% train/test
split (the same split `npm run lapd -- --seed <s>` uses), encoded and scaled, to `<prefix>-<s>.*`:

    for s in 0 1 2 3 4; do
      npx tsx examples/lapd/scripts/export-features.ts "{\"seed\":$s}" /tmp/lapd-features-$s
    done
    OMP_NUM_THREADS=1 nice -n 10 /usr/bin/python3 examples/lapd/scripts/python/hist_gradient_boosting.py \
      /tmp/lapd-features 0 1 2 3 4 --json /tmp/lapd-hgb.json

(One OpenMP thread on a shared machine: with the default two, busy-waiting threads took over 12
minutes for one seed at load 7; with one, 25 s of CPU per seed.)

Per seed it fits HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, early_stopping=True,
random_state=seed) on the training rows and prints the test-set macro one-vs-rest ROC-AUC and the
balanced accuracy of the prior-corrected argmax p(c|x) / prior(c)^alpha for alpha = 0, 0.5 and 1
(priors: the training labels' class shares), then the mean (min-max) over the seeds; with --json
it also writes them to a file. A reference, not a dependency of anything: Debian's python3-sklearn
(1.2.1), run by hand.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import balanced_accuracy_score, roc_auc_score

ALPHAS = (0.0, 0.5, 1.0)
PARAMS = {"max_iter": 300, "learning_rate": 0.05, "early_stopping": True}


def load(prefix):
    meta = json.load(open(prefix + ".json"))
    Xtr = np.fromfile(prefix + ".train.f64").reshape(meta["nTrain"], meta["cols"])
    Xte = np.fromfile(prefix + ".test.f64").reshape(meta["nTest"], meta["cols"])
    return meta, Xtr, np.array(meta["yTrain"]), Xte, np.array(meta["yTest"])


def run(prefix, seed):
    meta, Xtr, ytr, Xte, yte = load(f"{prefix}-{seed}")
    if meta["settings"]["seed"] != seed:
        sys.exit(f"{prefix}-{seed}.json was exported with seed {meta['settings']['seed']}, not {seed}.")
    t0 = time.process_time()
    model = HistGradientBoostingClassifier(**PARAMS, random_state=seed).fit(Xtr, ytr)
    cpu = time.process_time() - t0
    P = model.predict_proba(Xte)
    priors = np.array([np.mean(ytr == c) for c in model.classes_])
    row = {
        "seed": seed,
        "columns": meta["cols"],
        "nTrain": meta["nTrain"],
        "nTest": meta["nTest"],
        "iterations": int(model.n_iter_),
        "cpuSeconds": round(cpu, 1),
        "rocAucOvrMacro": roc_auc_score(yte, P, multi_class="ovr"),
        "rocAucOvrWeighted": roc_auc_score(yte, P, multi_class="ovr", average="weighted"),
        "balancedAccuracy": {
            str(a): balanced_accuracy_score(yte, model.classes_[np.argmax(P / priors**a, 1)]) for a in ALPHAS
        },
    }
    bal = " ".join(f"a={a} {v:.3f}" for a, v in row["balancedAccuracy"].items())
    print(
        f"seed {seed}: {meta['cols']} columns, {row['iterations']} iterations, {cpu:.0f} s CPU; AUC ovr macro "
        f"{row['rocAucOvrMacro']:.3f} weighted {row['rocAucOvrWeighted']:.3f}; balanced accuracy {bal}"
    )
    return meta["settings"], row


def summary(values):
    return {"mean": float(np.mean(values)), "min": float(np.min(values)), "max": float(np.max(values))}


def main(argv):
    json_out = None
    if "--json" in argv:
        i = argv.index("--json")
        json_out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    prefix, seeds = argv[0], [int(s) for s in argv[1:]] or [0]
    versions = {"python": sys.version.split()[0], "scikit-learn": sklearn.__version__, "numpy": np.__version__}
    print(", ".join(f"{k} {v}" for k, v in versions.items()) + f"; HistGradientBoostingClassifier({PARAMS})")
    runs = [run(prefix, s) for s in seeds]
    rows = [r for _, r in runs]
    means = {
        "rocAucOvrMacro": summary([r["rocAucOvrMacro"] for r in rows]),
        "rocAucOvrWeighted": summary([r["rocAucOvrWeighted"] for r in rows]),
        "balancedAccuracy": {str(a): summary([r["balancedAccuracy"][str(a)] for r in rows]) for a in ALPHAS},
    }

    def fmt(s):
        return f"{s['mean']:.3f} ({s['min']:.3f}-{s['max']:.3f})"

    bal = " ".join(f"a={a} {fmt(v)}" for a, v in means["balancedAccuracy"].items())
    print(f"{len(rows)} seeds: AUC ovr macro {fmt(means['rocAucOvrMacro'])}, weighted "
          f"{fmt(means['rocAucOvrWeighted'])}; balanced accuracy {bal}")
    if json_out:
        settings = {k: v for k, v in runs[0][0].items() if k != "seed"}
        result = {"versions": versions, "params": PARAMS, "features": settings, "seeds": rows, "summary": means}
        with open(json_out, "w") as f:
            json.dump(result, f, indent=2)
        print(f"wrote {json_out}")


if __name__ == "__main__":
    main(sys.argv[1:])
