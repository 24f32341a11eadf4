"""The feature search behind "Location and Mocode combination" in examples/lapd/README.md: which
columns of the raw CSV carry signal the example's features leave unused, judged by scikit-learn's
HistGradientBoosting (fast, and indifferent to scaling) on a base that approximates the example's
features, one candidate added at a time.

    OMP_NUM_THREADS=1 /usr/bin/python3 examples/lapd/scripts/python/feature_search.py \\
      ../shared/data/lapd/lapd-sample.csv 0,1,2

For each seed (a stratified 25% test split, as the example's `--seed`) it fits
HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, early_stopping=True, random_state=0)
on the base features, then on the base plus each candidate, and prints the mean macro one-vs-rest
ROC-AUC over the seeds and the first seed's per-class AUCs (classes in sorted order). Candidates
named `*TE` are target encodings, cross-fitted on the training rows (5 stratified folds, an
m-estimate with m = 20 toward the training prior, one column per class; the test rows get the
encoding fitted on all training rows). A reference, not a dependency of anything: Debian's
python3-sklearn (1.2.1) and python3-pandas, run by hand.
"""
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split

path = sys.argv[1]
seeds = [int(s) for s in sys.argv[2].split(",")] if len(sys.argv) > 2 else [0, 1, 2]
print(f"scikit-learn {sklearn.__version__}, pandas {pd.__version__}, numpy {np.__version__}; seeds {seeds}")

df = pd.read_csv(path, dtype=str, keep_default_na=False)
y = df["Status Desc"].values
classes = sorted(set(y))
Y = np.stack([(y == c).astype(float) for c in classes], 1)


def num(s):
    return pd.to_numeric(s, errors="coerce")


occ = pd.to_datetime(df["DATE OCC"].str[:10], format="%m/%d/%Y")
rpt = pd.to_datetime(df["Date Rptd"].str[:10], format="%m/%d/%Y")
t = num(df["TIME OCC"])
mo = df["Mocodes"].str.split()

# The base: close to the example's features (categorical codes for HistGradientBoosting's native
# categorical splits where a column has at most 255 values; the reporting district as a number).
base = {
    "area": df["AREA"].astype("category").cat.codes,
    "part": df["Part 1-2"].astype("category").cat.codes,
    "crime": df["Crm Cd"].astype("category").cat.codes,
    "premise": df["Premis Cd"].astype("category").cat.codes,
    "weapon": df["Weapon Used Cd"].astype("category").cat.codes,
    "sex": df["Vict Sex"].astype("category").cat.codes,
    "descent": df["Vict Descent"].astype("category").cat.codes,
}
categorical = set(base)
d = (rpt - occ).dt.days
base.update(
    {
        "rptDist": num(df["Rpt Dist No"]),
        "dow": occ.dt.dayofweek,
        "hour": t // 100,
        "month": occ.dt.month,
        "delay": np.sign(d) * np.log1p(np.abs(d)),
        "age": num(df["Vict Age"]),
        "lat": num(df["LAT"]).replace(0, np.nan),
        "lon": num(df["LON"]).replace(0, np.nan),
        "nextra": (df[["Crm Cd 2", "Crm Cd 3", "Crm Cd 4"]] != "").sum(1),
        "nmo": mo.str.len(),
    }
)
counts = pd.Series([m for l in mo for m in set(l)]).value_counts()
for m in counts.index[:150]:
    base["mo_" + m] = mo.apply(lambda l, m=m: m in l).astype(np.int8)
F = pd.DataFrame(base)

location = df["LOCATION"].str.strip().str.replace(r"\s+", " ", regex=True).str.upper()
mocode_set = mo.apply(lambda l: " ".join(sorted(set(l))) or "none")


def target_encode(keys, tr, te, m=20.0):
    """Cross-fitted m-estimate target encoding of `keys`, one column per class."""
    out = np.zeros((len(y), len(classes)))
    prior = Y[tr].mean(0)

    def fit_apply(fit, apply):
        g = pd.DataFrame(Y[fit], columns=classes)
        g["k"] = keys.values[fit]
        s, n = g.groupby("k").sum(), g.groupby("k").size()
        table = dict(zip(s.index, (s.values + m * prior) / (n.values[:, None] + m)))
        return np.array([table.get(k, prior) for k in keys.values[apply]])

    for a, b in StratifiedKFold(5, shuffle=True, random_state=0).split(tr, y[tr]):
        out[tr[b]] = fit_apply(tr[a], tr[b])
    out[te] = fit_apply(tr, te)
    return out


def plain(values):
    return lambda tr, te: np.asarray(values, dtype=float)


candidates = {
    "minute": plain(t % 100),
    "minuteIsZero": plain(t % 100 == 0),
    "crmCd2is998": plain(df["Crm Cd 2"] == "998"),
    "crossStreet": plain(df["Cross Street"] != ""),
    "locationIsBlock": plain(df["LOCATION"].str.match(r"^\d")),
    "drSequence": plain(num(df["DR_NO"].str[4:])),
    "drYear": plain(num(df["DR_NO"].str[:2])),
    "occDays": plain((occ - pd.Timestamp("2020-01-01")).dt.days),
    "rptDays": plain((rpt - pd.Timestamp("2020-01-01")).dt.days),
    "reportWeekday": plain(rpt.dt.dayofweek),
    "victAgeZero": plain(num(df["Vict Age"]) == 0),
    "time1200": plain(t == 1200),
    "locationFrequency": lambda tr, te: location.map(location.iloc[tr].value_counts()).fillna(0).values,
    "rptDistTE": lambda tr, te: target_encode(df["Rpt Dist No"], tr, te),
    "crimeXpremiseTE": lambda tr, te: target_encode(df["Crm Cd"] + "_" + df["Premis Cd"], tr, te),
    "locationTE": lambda tr, te: target_encode(location, tr, te),
    "mocodeSetTE": lambda tr, te: target_encode(mocode_set, tr, te),
}
candidates["locationTE+mocodeSetTE"] = lambda tr, te: np.hstack(
    [candidates["locationTE"](tr, te), candidates["mocodeSetTE"](tr, te)]
)


def score(extra, seed):
    tr, te = train_test_split(np.arange(len(y)), test_size=0.25, stratify=y, random_state=seed)
    X = F.values.astype(float)
    mask = [c in categorical for c in F.columns]
    if extra is not None:
        v = extra(tr, te)
        v = v.reshape(len(y), -1)
        X = np.hstack([X, v])
        mask += [False] * v.shape[1]
    model = HistGradientBoostingClassifier(
        max_iter=300, learning_rate=0.05, early_stopping=True, random_state=0, categorical_features=mask
    )
    model.fit(X[tr], y[tr])
    p = model.predict_proba(X[te])
    macro = roc_auc_score(y[te], p, multi_class="ovr", average="macro", labels=model.classes_)
    per_class = [roc_auc_score(y[te] == c, p[:, i]) for i, c in enumerate(model.classes_)]
    return macro, per_class


print("candidate | mean macro AUC | per-class AUC, first seed (" + ", ".join(classes) + ")")
for name, fn in [("(base)", None)] + list(candidates.items()):
    results = [score(fn, s) for s in seeds]
    mean = np.mean([m for m, _ in results])
    print(f"{name} | {mean:.4f} | " + ", ".join(f"{a:.3f}" for a in results[0][1]), flush=True)
