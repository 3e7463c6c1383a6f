#!/usr/bin/env bash
# Rebuilds the results table in README.md and EVALUATION.md: every model type trained on the same nominal-only data
# as the shipped model, then swept closed loop over the standard perturbation cells on seed 424242, which neither
# training nor model choice ever used.
#   models/make-results-table.sh WORK_DIR      (WORK_DIR as filled by models/make-default-model.sh WORK_DIR;
#                                               about 4 hours on two cores, most of it simulation)
# It also runs the car's standard severity ladder over three training seeds per claim type (see the end).
# The sweeps resume where they stopped when the script is run again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:?usage: models/make-results-table.sh WORK_DIR (the folder make-default-model.sh filled)}
lp="$root/liquidpilot"
settings=(--epochs 20 --seq-len 32 --batch 16 --patience 5 --lr-schedule cosine --quiet)
train=("${settings[@]}" --seed 1)
car_data=(--data "$work/forest-road-nominal-expert-seeds-101-202-303-404-10x30s"
          --data "$work/forest-road-nominal-dart-0.03-seeds-111-222-10x30s"
          --data "$work/forest-road-nominal-dagger1-seed-505-10x30s")
for d in "${car_data[@]}"; do [[ $d == --data ]] || [[ -d $d ]] || { echo "missing $d: run models/make-default-model.sh $work first" >&2; exit 2; }; done
models="$work/models"
mkdir -p "$models/quad" "$work/ladder"

# Car (forest road): every model type on the same data and settings. The three types the out-of-distribution claim
# is about (CfC NCP, LTC NCP, LSTM-64) get three training seeds each, so the ladders show the spread between seeds
# rather than one lucky model; GRU-64 and MLP get one, and the other 19-neuron variants and CT-RNN one for the cells.
# These read the fixed default features; the shipped model reads the night-robust ones (below).
car_runs=(cfc-ncp12-6-1:1 cfc-ncp12-6-1:2 cfc-ncp12-6-1:3 ltc-ncp12-6-1:1 ltc-ncp12-6-1:2 ltc-ncp12-6-1:3
          lstm64:1 lstm64:2 lstm64:3 gru64:1 mlp:1 cfc-ncp19:1 ltc-ncp19:1 ctrnn64:1)
for r in "${car_runs[@]}"; do
  t=${r%%:*}; s=${r##*:}
  [[ -f "$models/car-$t-s$s.safetensors" ]] || "$lp" train "${car_data[@]}" --model-type "$t" "${settings[@]}" --seed "$s" \
    --out "$models/car-$t-s$s.safetensors"
done
# The same recipe on the night-robust features (dark frames divided by the lamps' light pattern; still no night frame
# in training): seed 1 of the CfC NCP is the shipped model (make-default-model.sh), two more seeds, and LSTM-64.
for r in cfc-ncp12-6-1:1 cfc-ncp12-6-1:2 cfc-ncp12-6-1:3 lstm64:1; do
  t=${r%%:*}; s=${r##*:}
  [[ -f "$models/car-$t-nightrobust-s$s.safetensors" ]] || "$lp" train "${car_data[@]}" --features night-robust --model-type "$t" \
    "${settings[@]}" --seed "$s" --out "$models/car-$t-nightrobust-s$s.safetensors"
done

# Quadrotor (forest trail), calm weather only: expert demonstrations, DART demonstrations (yaw-rate disturbance
# 0.1 rad/s), then two DAgger rounds of the paper-wired CfC NCP, each trained on everything gathered before it.
trail="$work/forest-trail-nominal-expert-seeds-101-202-303-404-10x30s"
trail_dart="$work/forest-trail-nominal-dart-0.1-seeds-111-222-10x30s"
trail_d1="$work/forest-trail-nominal-dagger1-seed-505-10x30s"
trail_d2="$work/forest-trail-nominal-dagger2-seed-606-10x30s"
for s in 101 202 303 404; do
  [[ -f "$trail/trail-s$s-009.bag" ]] || "$lp" sim collect --scenario trail-nominal --seed $s --duration 30 --episodes 10 --prefix trail-s$s --force --out "$trail"
done
for s in 111 222; do
  [[ -f "$trail_dart/trail-dart-s$s-009.bag" ]] || "$lp" sim collect --scenario trail-nominal --seed $s --duration 30 --episodes 10 \
    --steer-noise 0.1 --prefix trail-dart-s$s --force --out "$trail_dart"
done
quad_ncp=(--model-type cfc-ncp12-6-1 "${train[@]}")
[[ -f "$models/quad-round1.safetensors" ]] || "$lp" train --data "$trail" --data "$trail_dart" "${quad_ncp[@]}" --out "$models/quad-round1.safetensors"
[[ -f "$trail_d1/trail-dagger1-s505-009.bag" ]] || "$lp" sim collect --scenario trail-nominal --seed 505 --duration 30 --episodes 10 \
  --dagger "$models/quad-round1.safetensors" --steer-noise 0.05 --prefix trail-dagger1-s505 --force --out "$trail_d1"
[[ -f "$models/quad-round2.safetensors" ]] || "$lp" train --data "$trail" --data "$trail_dart" --data "$trail_d1" "${quad_ncp[@]}" \
  --out "$models/quad-round2.safetensors"
[[ -f "$trail_d2/trail-dagger2-s606-009.bag" ]] || "$lp" sim collect --scenario trail-nominal --seed 606 --duration 30 --episodes 10 \
  --dagger "$models/quad-round2.safetensors" --steer-noise 0.05 --prefix trail-dagger2-s606 --force --out "$trail_d2"
for t in cfc-ncp12-6-1 lstm64; do
  [[ -f "$models/quad/quad-$t.safetensors" ]] || "$lp" train --data "$trail" --data "$trail_dart" --data "$trail_d1" --data "$trail_d2" \
    --model-type "$t" "${train[@]}" --out "$models/quad/quad-$t.safetensors"
done

sweep=(--conditions standard --seed 424242 --duration 20 --episodes 20)
"$lp" sim sweep "${sweep[@]}" --policy "$models/car-cfc-ncp12-6-1-s1.safetensors" --policy "$models/car-lstm64-s1.safetensors" --out "$work/sweep/car"
"$lp" sim sweep "${sweep[@]}" --scenario trail-nominal --policy "$models/quad/quad-cfc-ncp12-6-1.safetensors" \
  --policy "$models/quad/quad-lstm64.safetensors" --out "$work/sweep/quad"
others=()
for t in cfc-ncp19 gru64 ltc-ncp12-6-1 ctrnn64 mlp ltc-ncp19; do others+=(--policy "$models/car-$t-s1.safetensors"); done
"$lp" sim sweep "${sweep[@]}" "${others[@]}" --out "$work/sweep/car"
# The expert never looks at the frame, so it runs without rendering; its row is the ceiling of both tables.
"$lp" sim sweep "${sweep[@]}" --policy expert --render blank --out "$work/sweep/car"
"$lp" sim sweep "${sweep[@]}" --scenario trail-nominal --policy expert --render blank --out "$work/sweep/quad"

"$lp" report --runs "$work/sweep/car" --out "$work/sweep/car/report.html" --markdown "$work/sweep/car/results.md"
"$lp" report --runs "$work/sweep/quad" --out "$work/sweep/quad/report.html" --markdown "$work/sweep/quad/results.md"
echo "tables: $work/sweep/car/results.md and $work/sweep/quad/results.md (HTML beside them)"

# The car's standard severity ladder (sim/README.md names every level): baseline plus rain, fog, darkness, wind,
# roll-occlusion and storm at 5 levels, 10 paired episodes of 20 s a cell on seed 868686 (used by no training run and
# no model choice), topped up to 20 next to each model's 50% crossing; every seed of the three claim types on the
# fixed features and of the CfC NCP on the night-robust ones, LSTM-64 on those, GRU-64, MLP and the expert. Two
# shards share the folder and the run resumes: 15 models x 310 episodes of about 2 s each, 1.5 hours on two idle cores.
ladder=(--ladder standard --seed 868686 --duration 20 --episodes 10 --top-up 20 --out "$work/ladder/car")
lpol=()
for n in cfc-ncp12-6-1-s1 lstm64-s1 cfc-ncp12-6-1-nightrobust-s1 ltc-ncp12-6-1-s1 lstm64-nightrobust-s1 cfc-ncp12-6-1-s2 lstm64-s2 \
         ltc-ncp12-6-1-s2 cfc-ncp12-6-1-s3 lstm64-s3 ltc-ncp12-6-1-s3 cfc-ncp12-6-1-nightrobust-s2 cfc-ncp12-6-1-nightrobust-s3 gru64-s1 mlp-s1; do
  lpol+=(--policy "$models/car-$n.safetensors")
done
"$lp" sim sweep "${ladder[@]}" --policy expert --render blank
"$lp" sim sweep "${ladder[@]}" "${lpol[@]}" --shard 1/2 > "$work/ladder/car-shard1.log" 2>&1 &
"$lp" sim sweep "${ladder[@]}" "${lpol[@]}" --shard 2/2 > "$work/ladder/car-shard2.log" 2>&1
wait
"$lp" report --runs "$work/ladder/car" --out "$work/ladder/car/report.html" --markdown "$work/ladder/car/results.md"
echo "ladder: $work/ladder/car/results.md (figures and HTML beside it)"
