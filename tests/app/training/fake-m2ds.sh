#!/bin/bash
# A stand-in for `m2ds train` that follows the log contract (log.jsonl events, SIGINT -> checkpoint + "end"
# stopped, --resume auto continues, --dry_run prints one JSON line), so that the workbench's run handling is
# tested without a model. FAKE_M2DS_MODE: run (default), crash (dies after two steps without an "end"),
# fail (a usage error before starting), hang (never logs a step), deaf (ignores SIGINT and SIGTERM: only SIGKILL
# ends it, without an "end"). FAKE_M2DS_STEPS: iterations of the schedule.
dir=""; resume=""; dry=""; previous=""
for argument in "$@"; do
    case "$previous" in
        --output_dir) dir="$argument" ;;
        --resume) resume="$argument" ;;
        --dry_run) dry="$argument" ;;
    esac
    previous="$argument"
done
mode="${FAKE_M2DS_MODE:-run}"
total="${FAKE_M2DS_STEPS:-40}"
if [ -n "$dry" ]; then
    if [ "$mode" = fail ]; then echo "m2ds train: $dir: no speech recordings found" >&2; exit 1; fi
    echo "preparing data" >&2
    echo "{\"event\":\"dry_run\",\"steps\":$dry,\"samples_per_s\":12.5,\"memory_mib\":321.0,\"seconds_per_epoch\":3725.0,\"seconds_total\":7450.0,\"steps_per_epoch\":10,\"total_iterations\":$total,\"parameters\":5300000,\"device\":\"cpu\"}"
    exit 0
fi
if [ "$mode" = fail ]; then echo "m2ds train: --batch_size: must be positive" >&2; exit 2; fi
mkdir -p "$dir"
log="$dir/log.jsonl"
printf '%s\n' "$*" >> "$dir/fake-invocations.txt"
now() { date +%s.%N; }
next=0
if [ "$resume" = auto ] && [ -f "$dir/fake-next-iteration" ]; then next=$(cat "$dir/fake-next-iteration"); fi
echo "{\"event\":\"start\",\"time\":$(now),\"pid\":$$,\"world_size\":1,\"device\":\"cpu\",\"steps_per_epoch\":10,\"total_iterations\":$total,\"epochs\":$((total / 10)),\"resumed_from\":null,\"config\":{},\"model\":{}}" >> "$log"
stopping=0
if [ "$mode" = deaf ]; then trap '' INT TERM; else trap 'stopping=1' INT; fi
iteration=$next
while [ "$iteration" -lt "$total" ]; do
    [ "$mode" = hang ] && { sleep 0.05; [ "$stopping" = 1 ] && break; continue; }
    sleep 0.05
    echo "{\"event\":\"step\",\"time\":$(now),\"epoch\":$((iteration / 10)),\"iteration\":$iteration,\"loss\":$((100 - iteration)).5,\"l_m2d\":0.75,\"l_off\":0.5,\"lr\":0.0003,\"ema\":0.99995,\"grad_norm\":1.5,\"samples_per_s\":80.0,\"memory_mib\":300.0,\"elapsed_s\":1.0}" >> "$log"
    iteration=$((iteration + 1))
    echo "$iteration" > "$dir/fake-next-iteration"
    if [ "$mode" = crash ] && [ "$iteration" -ge 2 ]; then echo "terminate called after throwing an instance of 'c10::Error'" >&2; kill -9 $$; fi
    if [ "$stopping" = 1 ]; then
        path="$dir/checkpoint-$((iteration / 10))-it$iteration.safetensors"
        echo fake > "$path"
        echo "{\"event\":\"checkpoint\",\"time\":$(now),\"epoch\":$((iteration / 10)),\"iteration\":$iteration,\"path\":\"$path\"}" >> "$log"
        echo "{\"event\":\"end\",\"time\":$(now),\"status\":\"stopped\",\"message\":\"stopped on request\",\"iteration\":$iteration}" >> "$log"
        exit 130
    fi
    if [ $((iteration % 10)) -eq 0 ]; then
        path="$dir/checkpoint-$((iteration / 10 - 1)).safetensors"
        echo fake > "$path"
        echo "{\"event\":\"checkpoint\",\"time\":$(now),\"epoch\":$((iteration / 10 - 1)),\"iteration\":$iteration,\"path\":\"$path\"}" >> "$log"
        echo "{\"event\":\"rankme\",\"time\":$(now),\"epoch\":$((iteration / 10 - 1)),\"iteration\":$((iteration - 1)),\"rankme\":12.5}" >> "$log"
    fi
done
if [ "$stopping" = 1 ]; then
    echo "{\"event\":\"end\",\"time\":$(now),\"status\":\"stopped\",\"message\":\"stopped on request\",\"iteration\":$iteration}" >> "$log"
    exit 130
fi
echo "{\"event\":\"end\",\"time\":$(now),\"status\":\"finished\",\"message\":\"schedule complete\",\"iteration\":$iteration}" >> "$log"
