"""The ncps side of bench/ncps/run: the same work as bench/before-after/Round.java, on PyTorch with one thread.

Reads a benchmark number per line on stdin and answers with its score, in thread CPU time like the Java side:
0 LTC step us, 1 CfC step us, 2 LTC B64xT64 sample-steps/s, 3 LTC and 4 CfC training B32xT64 sequences/s.
The batched and training rounds run without per-sample timespans: ncps squeezes timespans[:, t] to shape (B,), which
does not broadcast against (B, units) for B > 1. The work per step is the same with the default elapsed time of 1.
"""
import math
import sys
import time

import torch
from ncps.torch import CfC, LTC
from ncps.wirings import AutoNCP

torch.set_num_threads(1)
torch.manual_seed(7)
F, T = 32, 64


def wiring():
    return AutoNCP(19, 1)


ltc_stream = LTC(F, wiring(), batch_first=True)
cfc_stream = CfC(F, wiring(), batch_first=True)
ltc_batch = LTC(F, wiring(), batch_first=True)
frames = torch.randn(64, 1, 1, F)
step_dt = torch.full((1, 1), 0.05)
x_batch = torch.randn(64, T, F)

nets = [LTC(F, wiring(), batch_first=True), CfC(F, wiring(), batch_first=True)]
optims = [torch.optim.Adam(n.parameters(), lr=1e-4) for n in nets]
x_train = torch.randn(32, T, F)
y_train = torch.tensor([[math.sin(0.1 * i + b) for i in range(T)] for b in range(32)]).unsqueeze(-1)


def run(which):
    t0 = time.thread_time()
    with torch.no_grad():
        if which in (0, 1):
            net = ltc_stream if which == 0 else cfc_stream
            n = 1000 if which == 0 else 2000
            h = None
            for i in range(n):
                _, h = net(frames[i & 63], h, timespans=step_dt)
            return (time.thread_time() - t0) / n * 1e6
        if which == 2:
            for _ in range(3):
                ltc_batch(x_batch)
            return 3 * 64 * T / (time.thread_time() - t0)
    m = which - 3
    net, opt = nets[m], optims[m]
    for _ in range(2):
        opt.zero_grad()
        out, _ = net(x_train)
        loss = torch.nn.functional.mse_loss(out, y_train)
        loss.backward()
        opt.step()
        if m == 0:
            net.rnn_cell.apply_weight_constraints()
    return 2 * 32 / (time.thread_time() - t0)


print("ready torch " + torch.__version__, flush=True)
for line in sys.stdin:
    print(repr(run(int(line))), flush=True)
