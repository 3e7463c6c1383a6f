#!/usr/bin/env bash
# Regenerates models/ncp19-forest-drone.safetensors from scratch, in summer only (drone-target: the quadrotor flies to a
# red marker in the mixed summer forest, no wind):
#   1. expert demonstrations: seeds 101, 202, 303, 404, 10 episodes each (an episode ends when the target is reached);
#   2. DART demonstrations: seeds 111 and 222, the expert flies with a slowly varying yaw-rate disturbance
#      (--steer-noise 0.3 rad/s) and /cmd_vel keeps its clean answer, so the data shows how to turn back;
#   3. a first NCP trained on 1 + 2, then one DAgger round: that model flies (seed 505, light disturbance) while the
#      expert labels every state it visits;
#   4. the shipped NCP: AutoNCP(19, 4) (19 neurons, 4 motor neurons: forward, left, up, yaw rate) with CfC cells on
#      the drone's front end (the 32 grey features plus the colour-target block), trained on 1 + 2 + 3;
#   5. the failsafe's out-of-distribution thresholds calibrated on the same frames;
#   6. a closed-loop check on seed 9001, which training never sees.
#   models/make-drone-model.sh [WORK_DIR]
# MODEL_TYPE (default cfc-ncp19), EPOCHS (default 30) and SEED (default 1) can be set in the environment; OUT names
# another output file (the results table trains its seeds and baselines this way on the same data).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-$(mktemp -d -t lp-drone-model.XXXXXX)}
model_type=${MODEL_TYPE:-cfc-ncp19}
epochs=${EPOCHS:-30}
seed=${SEED:-1}
lp="$root/liquidpilot"
out=${OUT:-"$root/models/ncp19-forest-drone.safetensors"}
train=(--model-type "$model_type" --outputs forward,left,up,yaw_rate --features drone --epochs "$epochs" --seq-len 32
       --batch 16 --seed "$seed" --patience 6 --lr-schedule cosine --quiet)
# The folder names are what the model file records as its training data.
demos="$work/drone-target-summer-expert-seeds-101-202-303-404-10x"
dart="$work/drone-target-summer-dart-0.3-seeds-111-222-10x"
dagger="$work/drone-target-summer-dagger1-seed-505-10x"

if [ ! -d "$demos" ]; then
  for s in 101 202 303 404; do
    "$lp" sim collect --scenario drone-target --seed $s --episodes 10 --prefix s$s --force --out "$demos"
  done
fi
if [ ! -d "$dart" ]; then
  for s in 111 222; do
    "$lp" sim collect --scenario drone-target --seed $s --episodes 10 --steer-noise 0.3 --prefix dart-s$s --force --out "$dart"
  done
fi
if [ ! -d "$dagger" ]; then
  # The DAgger round always starts from the default recipe's first model, so every seed and baseline shares the data.
  MODEL_TYPE=cfc-ncp19 "$lp" train --data "$demos" --data "$dart" --model-type cfc-ncp19 --outputs forward,left,up,yaw_rate \
    --features drone --epochs "$epochs" --seq-len 32 --batch 16 --seed 1 --patience 6 --lr-schedule cosine --quiet \
    --out "$work/round1.safetensors"
  "$lp" sim collect --scenario drone-target --seed 505 --episodes 10 --dagger "$work/round1.safetensors" --steer-noise 0.1 \
    --prefix dagger1-s505 --force --out "$dagger"
  rm -f "$work/round1.safetensors.ckpt"
fi
"$lp" train --data "$demos" --data "$dart" --data "$dagger" "${train[@]}" --out "$out"
rm -f "$out.ckpt"
"$lp" model calibrate-ood "$out" --data "$demos" --data "$dart" --data "$dagger"

"$lp" sim run --scenario drone-target --seed 9001 --episodes 10 --policy "$out" --out "$work/check-$(basename "$out" .safetensors)"
echo "demonstrations, cached features and the closed-loop check are in $work"
