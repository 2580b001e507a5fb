#!/bin/sh
# encode-symbolic.sh ENCODER INPUT.svg SIZE OUTPUT.symbolic.png
# gtk4-encode-symbolic-svg names its output after its input; this puts it
# where the build wants it, so one icon can be encoded at several sizes.
set -eu
encoder=$1 input=$2 size=$3 output=$4
dir=$(mktemp -d "${output}.XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$encoder" -o "$dir" "$input" "${size}x${size}"
mv "$dir"/*.symbolic.png "$output"
