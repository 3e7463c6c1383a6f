#!/usr/bin/env bash
# Rebuilds the drone results table in README.md and EVALUATION.md: the shipped drone NCP, two more training seeds of
# it, LSTM-64 and the LTC NCP on three seeds and GRU-64, CT-RNN-64 and MLP on one, all trained on the same summer-only data as the
# shipped model, then swept closed loop on drone-target over the drone cells (--conditions drone) on seed 777001,
# which neither training nor model choice ever used, 20 episodes a cell; the expert's row is the ceiling.
#   models/make-drone-results.sh WORK_DIR [JOBS]   (WORK_DIR as filled by models/make-drone-model.sh WORK_DIR;
#                                                   JOBS sweeps at once, default 2)
# Training and the sweeps resume where they stopped when the script is run again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:?usage: models/make-drone-results.sh WORK_DIR (the folder make-drone-model.sh filled) [JOBS]}
jobs=${2:-2}
lp="$root/liquidpilot"
data=(--data "$work/drone-target-summer-expert-seeds-101-202-303-404-10x"
      --data "$work/drone-target-summer-dart-0.3-seeds-111-222-10x"
      --data "$work/drone-target-summer-dagger1-seed-505-10x")
for d in "${data[@]}"; do [[ $d == --data ]] || [[ -d $d ]] || { echo "missing $d: run models/make-drone-model.sh $work first" >&2; exit 2; }; done
models="$work/models"
sweeps="$work/sweeps"
mkdir -p "$models" "$sweeps"
train=(--outputs forward,left,up,yaw_rate --features drone --epochs 30 --seq-len 32 --batch 16 --patience 6 --lr-schedule cosine --quiet)

# name:type:seed; ncp-s1 is the shipped model's recipe (make-drone-model.sh), retrained here on the same data.
runs=(ncp-s1:cfc-ncp19:1 lstm64-s1:lstm64:1 ncp-s2:cfc-ncp19:2 lstm64-s2:lstm64:2 ncp-s3:cfc-ncp19:3 lstm64-s3:lstm64:3
      gru64-s1:gru64:1 ctrnn64-s1:ctrnn64:1 mlp-s1:mlp:1 ltc-s1:ltc-ncp19:1 ltc-s2:ltc-ncp19:2 ltc-s3:ltc-ncp19:3)
for r in "${runs[@]}"; do
  IFS=: read -r name type seed <<< "$r"
  [[ -f "$models/drone-$name.safetensors" ]] || "$lp" train "${data[@]}" --model-type "$type" --seed "$seed" "${train[@]}" \
    --out "$models/drone-$name.safetensors"
done

sweep() {  # POLICY OUT [extra args]
  "$lp" sim sweep --scenario drone-target --conditions drone --seed 777001 --episodes 20 --policy "$1" --out "$2" "${@:3}" \
    > "$2.log" 2>&1 || echo "sweep $1 failed: see $2.log" >&2
}
sweep expert "$sweeps/expert" --render blank
pending=()
for r in "${runs[@]}"; do pending+=("${r%%:*}"); done
for name in "${pending[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 5; done
  sweep "$models/drone-$name.safetensors" "$sweeps/$name" &
done
wait
"$lp" report --runs "$sweeps" --out "$work/drone-report.html" --markdown "$work/drone-results.md"
echo "tables in $work/drone-results.md, report in $work/drone-report.html"

# The drone's standard severity ladder on drone-target (sim/README.md names every level): baseline plus 6 axes at 5
# levels, 10 paired episodes a cell on seed 919191 (used by no training run and no model choice), topped up to 20 next
# to each model's 50% crossing; three seeds each of the CfC NCP, the LTC NCP and LSTM-64, GRU-64, MLP and the expert.
ladder=(--scenario drone-target --ladder standard --seed 919191 --episodes 10 --top-up 20 --out "$work/ladder")
lpol=()
for name in ncp-s1 ncp-s2 ncp-s3 ltc-s1 ltc-s2 ltc-s3 lstm64-s1 lstm64-s2 lstm64-s3 gru64-s1 mlp-s1; do
  lpol+=(--policy "$models/drone-$name.safetensors")
done
mkdir -p "$work/ladder"
"$lp" sim sweep "${ladder[@]}" --policy expert --render blank
for i in $(seq 1 "$jobs"); do
  "$lp" sim sweep "${ladder[@]}" "${lpol[@]}" --shard "$i/$jobs" > "$work/ladder/shard$i.log" 2>&1 &
done
wait
"$lp" report --runs "$work/ladder" --out "$work/ladder/report.html" --markdown "$work/ladder/results.md"
echo "ladder: $work/ladder/results.md (figures and HTML beside it)"
