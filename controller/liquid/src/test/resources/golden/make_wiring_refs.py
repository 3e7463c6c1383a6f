#!/usr/bin/python3
"""Writes wiring_refs.json: adjacency matrices for wirings beyond the dev goldens.

NCP, AutoNCP and FullyConnected come from wiring_ref.py of the shared golden set (checked there against numpy and
ncps 1.0.1 on 62 wirings). Random is rebuilt with numpy's own default_rng, following ncps 1.0.1's wirings.Random
line by line (ncps itself is not needed). Run: /usr/bin/python3 make_wiring_refs.py /path/to/golden/tools
"""
import json
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
import wiring_ref as W  # noqa: E402


def ncps_random(units, output_dim, sparsity, seed, input_dim):
    rng = np.random.default_rng(seed)
    A = np.zeros((units, units), dtype=np.int32)
    n = int(np.round(units * units * (1 - sparsity)))
    all_syn = [(s, d) for s in range(units) for d in range(units)]
    for src, dest in rng.choice(all_syn, size=n, replace=False):
        A[src, dest] = rng.choice([-1, 1, 1])
    SA = np.zeros((input_dim, units), dtype=np.int32)
    n = int(np.round(input_dim * units * (1 - sparsity)))
    all_syn = [(s, d) for s in range(input_dim) for d in range(units)]
    for src, dest in rng.choice(all_syn, size=n, replace=False):
        SA[src, dest] = rng.choice([-1, 1, 1])
        SA[src, dest] = rng.choice([-1, 1, 1])
    return A.tolist(), SA.tolist()


cases = []
for seed in [22222, 31337, 0, 4294967295]:
    for units, out, inp, sp in [(19, 1, 32, 0.5), (19, 1, 3, 0.5), (30, 4, 7, 0.2), (64, 8, 16, 0.9)]:
        A, SA = W.autoncp_wiring(units, out, inp, sp, seed)
        cases.append(dict(spec=dict(cls="AutoNCP", units=units, output_size=out, sparsity_level=sp, seed=seed),
                          input_dim=inp, adjacency=A, sensory_adjacency=SA))
    for args, inp in [((12, 6, 1, 6, 4, 6, 6), 32), ((6, 4, 2, 6, 4, 9, 4), 2)]:
        A, SA = W.ncp_wiring(*args, inp, seed)
        keys = ["inter_neurons", "command_neurons", "motor_neurons", "sensory_fanout", "inter_fanout",
                "recurrent_command_synapses", "motor_fanin"]
        cases.append(dict(spec=dict(cls="NCP", seed=seed, **dict(zip(keys, args))), input_dim=inp, adjacency=A, sensory_adjacency=SA))
for seed in [1111, 7, 2**40 + 3]:
    for units, out, inp, sc in [(12, 2, 8, True), (5, 5, 3, False)]:
        A, SA = W.fully_connected_wiring(units, inp, seed, sc)
        cases.append(dict(spec=dict(cls="FullyConnected", units=units, output_dim=out, erev_init_seed=seed, self_connections=sc),
                          input_dim=inp, adjacency=A, sensory_adjacency=SA))
for seed in [1111, 5]:
    for units, out, inp, sp in [(10, 2, 4, 0.0), (19, 1, 32, 0.5), (120, 3, 100, 0.3)]:
        A, SA = ncps_random(units, out, sp, seed, inp)
        cases.append(dict(spec=dict(cls="Random", units=units, output_dim=out, sparsity_level=sp, random_seed=seed),
                          input_dim=inp, adjacency=A, sensory_adjacency=SA))
json.dump(cases, open("wiring_refs.json", "w"), separators=(",", ":"))
print(len(cases), "wirings")
