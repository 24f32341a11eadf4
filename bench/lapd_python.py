"""Peer for bench/lapd.ts: the Python pipeline a user would otherwise write for the LAPD example, on
the same CSV — pandas → the example's features → OneHotEncoder + StandardScaler → imbalanced-learn
SMOTE / ADASYN (or none) → scikit-learn MLPClassifier with the same hidden layer — timed phase by
phase, with the peak resident memory of each phase.

    /usr/bin/python3 bench/lapd_python.py <csv> <none|smote|adasyn> [--mocodes 150] [--max-categories 60]

Prints one JSON line when a phase starts, {"start": name}, and one when it ends, {"phase",
"seconds", "peakMiB"}, flushed at once, so a caller that kills the process (a memory or time limit)
knows how far it got; the last line is {"done": true, "metrics": {...}, "versions": {...}}.

What it does, as the TypeScript example (examples/lapd): the same cleaning rules where they shape
the features (rows without Status Desc, DATE OCC or Crm Cd dropped; victim age <= 0, LAT/LON 0 ->
missing; sex/descent '-' or empty -> X; codes without leading zeros; empty weapon -> none), the
same features (hour with sine/cosine, day of week, month, signed log1p of the report delay, the
8 categorical codes, age and location with missing flags, extra crime codes, Mocode count and the
150 most frequent Mocodes of the training split as 0/1 columns), a stratified 25 % test split with
seed 0, OneHotEncoder(handle_unknown='infrequent_if_exist', min_frequency=10, max_categories=60)
with dense output and StandardScaler on every column (as the example scales the one-hot columns),
median imputation, then the sampler on the training rows and MLPClassifier(64) with Adam 1e-3,
batch 512, early stopping on a 10 % validation split (patience 4, at most 60 epochs). The L2
penalty is the example's (Keras 0.01 on the mean loss) in scikit-learn's units: alpha is divided
by the batch size there (loss + alpha/(2·batch)·||W||²), so alpha = 2 · 0.01 · 512 = 10.24.
scikit-learn's MLP has no dropout. Dense float64 everywhere: that is what this pipeline is.
"""
import json
import os
import sys
import threading
import time

T_START = time.perf_counter()


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class Peak:
    """Samples the resident memory every 20 ms in a thread (numpy and BLAS release the GIL)."""

    def __init__(self):
        self.peak = rss_bytes()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            self.peak = max(self.peak, rss_bytes())
            time.sleep(0.02)

    def reset(self):
        self.peak = rss_bytes()


PEAK = Peak()
_phase = {"name": None, "t0": 0.0}


def phase(name):
    """Ends the current phase (prints its line) and starts `name` (None: just end)."""
    if _phase["name"] is not None:
        line = {
            "phase": _phase["name"],
            "seconds": time.perf_counter() - _phase["t0"],
            "peakMiB": max(PEAK.peak, rss_bytes()) / 2**20,
        }
        print(json.dumps(line), flush=True)
    _phase["name"] = name
    _phase["t0"] = time.perf_counter()
    if name is not None:
        print(json.dumps({"start": name}), flush=True)
    PEAK.reset()


def main():
    args = sys.argv[1:]
    path, sampler = args[0], args[1]
    mocodes_k = int(args[args.index("--mocodes") + 1]) if "--mocodes" in args else 150
    max_cat = int(args[args.index("--max-categories") + 1]) if "--max-categories" in args else 60

    phase("import")
    import numpy as np
    import pandas as pd
    import sklearn
    import imblearn
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.metrics import balanced_accuracy_score, roc_auc_score
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    phase("read (pandas.read_csv)")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)

    phase("clean + features")
    def code(col):
        s = df[col].str.strip().str.replace(r"\.0+$", "", regex=True).str.lstrip("0")
        return s.where(~((s == "") & (df[col].str.strip() != "")), "0")

    status = df["Status Desc"].str.strip()
    occ = pd.to_datetime(df["DATE OCC"].str.slice(0, 10), format="%m/%d/%Y", errors="coerce")
    crime = code("Crm Cd")
    keep = (status != "") & occ.notna() & (crime != "")
    df, status, occ, crime = df[keep], status[keep], occ[keep], crime[keep]
    rpt = pd.to_datetime(df["Date Rptd"].str.slice(0, 10), format="%m/%d/%Y", errors="coerce")
    delay = (rpt - occ).dt.days.astype(float)
    t = pd.to_numeric(df["TIME OCC"], errors="coerce")
    hour = np.floor(t / 100).where((t // 100 <= 23) & (t % 100 <= 59))
    age = pd.to_numeric(df["Vict Age"], errors="coerce")
    age = age.where(age > 0)
    lat = pd.to_numeric(df["LAT"], errors="coerce")
    lon = pd.to_numeric(df["LON"], errors="coerce")
    located = lat.notna() & lon.notna() & (lat != 0) & (lon != 0)

    def unknown_x(col):
        s = df[col].str.strip()
        return s.where((s != "") & (s != "-"), "X")

    def or_none(s):
        return s.where(s != "", "none")

    mo_lists = df["Mocodes"].str.split()
    angle = 2 * np.pi * hour / 24
    feats = pd.DataFrame(
        {
            "area": df["AREA NAME"].str.strip(),
            "rptDist": or_none(code("Rpt Dist No")),
            "part": or_none(code("Part 1-2")),
            "crimeCode": crime,
            "premiseCode": or_none(code("Premis Cd")),
            "weaponCode": or_none(code("Weapon Used Cd")),
            "victSex": unknown_x("Vict Sex"),
            "victDescent": unknown_x("Vict Descent"),
            "dayOfWeek": occ.dt.day_name().str.slice(0, 3),
            "hour": hour,
            "hourSin": np.sin(angle),
            "hourCos": np.cos(angle),
            "month": occ.dt.month.astype(float),
            "reportDelayLog": np.sign(delay) * np.log1p(np.abs(delay)),
            "victAge": age,
            "victAgeMissing": age.isna().astype(float),
            "lat": lat.where(located),
            "lon": lon.where(located),
            "locationMissing": (~located).astype(float),
            "nExtraCrimes": sum((code(c) != "").astype(float) for c in ["Crm Cd 2", "Crm Cd 3", "Crm Cd 4"]),
            "nMocodes": mo_lists.str.len().fillna(0).astype(float),
        }
    )
    del df
    y = status.to_numpy()

    phase("split")
    idx = np.arange(len(y))
    train_idx, test_idx = train_test_split(idx, test_size=0.25, stratify=y, random_state=0)
    # The Mocode vocabulary of the training rows only (each case counted once per code).
    exploded = mo_lists.iloc[train_idx].map(lambda m: sorted(set(c.zfill(4) for c in m)) if isinstance(m, list) else [])
    counts = exploded.explode().dropna().value_counts()
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:mocodes_k]
    padded = mo_lists.map(lambda m: set(c.zfill(4) for c in m) if isinstance(m, list) else set())
    indicators = {"mo_" + m: padded.map(lambda s, m=m: 1.0 if m in s else 0.0) for m, _ in top}
    feats = pd.concat([feats, pd.DataFrame(indicators, index=feats.index)], axis=1)
    del indicators
    del padded, exploded, mo_lists
    X_train, X_test = feats.iloc[train_idx], feats.iloc[test_idx]
    y_train, y_test = y[train_idx], y[test_idx]
    del feats

    phase("encode + scale (OneHotEncoder, StandardScaler; dense float64)")
    categorical = ["area", "rptDist", "part", "crimeCode", "premiseCode", "weaponCode", "victSex", "victDescent", "dayOfWeek"]
    numeric = [c for c in X_train.columns if c not in categorical]
    encode = ColumnTransformer(
        [
            (
                "cat",
                OneHotEncoder(
                    handle_unknown="infrequent_if_exist", min_frequency=10, max_categories=max_cat, sparse_output=False
                ),
                categorical,
            ),
            ("num", SimpleImputer(strategy="median"), numeric),
        ],
        sparse_threshold=0,
    )
    prep = make_pipeline(encode, StandardScaler())
    Xtr = prep.fit_transform(X_train)
    Xte = prep.transform(X_test)
    del X_train, X_test

    if sampler != "none":
        phase(f"resample ({sampler}, imbalanced-learn)")
        from imblearn.over_sampling import ADASYN, SMOTE

        s = SMOTE(k_neighbors=5, random_state=0) if sampler == "smote" else ADASYN(n_neighbors=5, random_state=0)
        Xtr, y_train = s.fit_resample(Xtr, y_train)

    phase("train (MLPClassifier 64, Adam 1e-3, batch 512, early stopping)")
    mlp = MLPClassifier(
        hidden_layer_sizes=(64,),
        alpha=2 * 0.01 * 512,
        batch_size=512,
        learning_rate_init=1e-3,
        max_iter=60,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=4,
        random_state=0,
    )
    mlp.fit(Xtr, y_train)

    phase("predict + metrics")
    proba = mlp.predict_proba(Xte)
    pred = mlp.classes_[np.argmax(proba, axis=1)]
    metrics = {
        "rocAucOvrMacro": float(roc_auc_score(y_test, proba, multi_class="ovr", average="macro", labels=mlp.classes_)),
        "balancedAccuracy": float(balanced_accuracy_score(y_test, pred)),
        "nTrain": int(len(train_idx)),
        "nTrainResampled": int(len(y_train)),
        "nTest": int(len(test_idx)),
        "columns": int(Xte.shape[1]),
        "epochs": int(mlp.n_iter_),
    }
    phase(None)
    versions = {"pandas": pd.__version__, "sklearn": sklearn.__version__, "imblearn": imblearn.__version__}
    print(json.dumps({"done": True, "seconds": time.perf_counter() - T_START, "metrics": metrics, "versions": versions}))


if __name__ == "__main__":
    main()
