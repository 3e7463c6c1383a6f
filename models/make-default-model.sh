#!/usr/bin/env bash
# Regenerates models/ncp19-forest-road.safetensors from scratch: expert demonstrations in nominal conditions
# (forest-road, sun, summer, no wind; training seeds 101, 202, 303 and 404, 10 episodes of 30 s each), then a 19-neuron
# NCP trained on the bags, then a closed-loop check on seed 9001, which training never sees.
#   models/make-default-model.sh [WORK_DIR]      (about 5 minutes on two cores)
# MODEL_TYPE (default cfc-ncp19; ltc-ncp19 drives worse, see models/README.md) and EPOCHS (default 20) can be set in the environment.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-$(mktemp -d -t lp-default-model.XXXXXX)}
model_type=${MODEL_TYPE:-cfc-ncp19}
epochs=${EPOCHS:-20}
lp="$root/liquidpilot"
# The folder name is what the model file records as its training data.
data="$work/forest-road-nominal-seeds-101-202-303-404-10x30s"
mkdir -p "$data"

scenario() { # seed duration -> a nominal scenario file
  sed -e "s/^seed:.*/seed: $1/" -e "s/^duration_s:.*/duration_s: $2/" "$root/sim/scenarios/nominal.yaml" > "$work/nominal-$1.yaml"
  echo "$work/nominal-$1.yaml"
}

for seed in 101 202 303 404; do
  "$lp" sim collect --scenario "$(scenario $seed 30)" --episodes 10 --out "$work/demos-$seed"
  for bag in "$work/demos-$seed"/*.bag; do ln -sf "$bag" "$data/s$seed-$(basename "$bag")"; done
done

"$lp" train --data "$data" --model-type "$model_type" --epochs "$epochs" --seq-len 32 --batch 16 --seed 1 \
  --patience 5 --lr-schedule cosine --quiet --out "$root/models/ncp19-forest-road.safetensors"
rm -f "$root/models/ncp19-forest-road.safetensors.ckpt"

"$lp" sim run --scenario "$(scenario 9001 30)" --episodes 10 --policy "$root/models/ncp19-forest-road.safetensors" \
  --out "$work/check-nominal"
echo "demonstrations, cached features and the closed-loop check are in $work"
