#!/bin/sh
# Fuzzes one Jazzer target of this module for a while, e.g.: plugin-ikev2/fuzz.sh IkeMessageFuzzTest 10m
# Targets: IkeMessageFuzzTest SkProtectionFuzzTest ReassemblerFuzzTest EspDataplaneFuzzTest
# PeerCertificateValidatorFuzzTest. New coverage goes to plugin-ikev2/.cifuzz-corpus/ (not committed); a finding
# is saved under src/test/resources/.../<Target>Inputs/<method>/ and fails the run. Without JAZZER_FUZZ, plain
# ./mvnw verify only replays the committed inputs.
set -eu
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 TARGET [DURATION, default 10m]" >&2
    exit 2
fi
cd "$(dirname "$0")/.."
# libFuzzer counts the whole JVM against its 2 GB RSS limit: keep the heap well below it.
JAZZER_FUZZ=1 JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Xmx1g" exec ./mvnw -B -ntp -pl plugin-ikev2 -am test \
    -Dtest="$1" -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="${2:-10m}"
