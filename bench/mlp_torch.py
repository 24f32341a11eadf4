"""PyTorch peer of bench/mlp.ts: the same 128 -> 256 -> 128 -> 6 MLP (relu, Adam 1e-3, cross-entropy),
trained on the same float32 data for the same epochs, 2 threads. Prints one JSON line.

usage: mlp_torch.py DIR N_TRAIN N_TEST D K EPOCHS BATCHES(comma-separated)
"""
import json
import os
import sys
import time

import numpy as np
import torch

d, n_tr, n_te, D, K, epochs = sys.argv[1], *map(int, sys.argv[2:7])
batches = [int(b) for b in sys.argv[7].split(",")]
torch.set_num_threads(2)
Xtr = torch.from_numpy(np.fromfile(os.path.join(d, "Xtr.f32"), dtype=np.float32).reshape(n_tr, D))
ytr = torch.from_numpy(np.fromfile(os.path.join(d, "ytr.i32"), dtype=np.int32).astype(np.int64))
Xte = torch.from_numpy(np.fromfile(os.path.join(d, "Xte.f32"), dtype=np.float32).reshape(n_te, D))
yte = np.fromfile(os.path.join(d, "yte.i32"), dtype=np.int32)

rows = []
for batch in batches:
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(D, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, K)
    )
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(epochs):
        perm = torch.randperm(n_tr)
        for s in range(0, n_tr, batch):
            idx = perm[s : s + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(Xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
    train_s, train_c = time.perf_counter() - t0, time.process_time() - c0
    model.eval()
    runs = []  # median of 15 timed inference passes (the same rule as the TypeScript side)
    for _ in range(15):
        t0, c0 = time.perf_counter(), time.process_time()
        with torch.no_grad():
            pred = torch.cat([torch.softmax(model(Xte[s : s + 4096]), 1).argmax(1) for s in range(0, n_te, 4096)]).numpy()
        runs.append((time.perf_counter() - t0, time.process_time() - c0))
    infer_s, infer_c = sorted(runs)[7]
    rows.append({"batch": batch, "train": n_tr * epochs / train_s, "infer": n_te / infer_s, "acc": float((pred == yte).mean()),
                 "trainCpu": n_tr * epochs / train_c, "inferCpu": n_te / infer_c})

print(json.dumps({"version": torch.__version__, "threads": torch.get_num_threads(), "rows": rows}))
