#!/usr/bin/env bash
# Does a change keep isnad's behaviour? Runs two builds over the same
# inputs and lists every output that differs (stdout, stderr and exit code):
#
#   * the fixture drafts checked against their event and against all of
#     corpora/, in every format; crosscheck and extract of corpora/;
#     `isnad rules` and every rule; checks and a crosscheck through an archive;
#   * eval on both gold sets (with --verbose);
#   * with the shared corpora (and without --quick): crosscheck of the
#     10k cross-outlet articles of both corpora, each corpus's cross-outlet
#     articles checked half against the other half (alternate lines), and
#     both whole corpora extracted (compared by hash).
#
# Article text is only ever written to a temporary directory.
#
#   tools/compare_builds.sh BEFORE AFTER [--quick]
#
# BEFORE and AFTER are isnad binaries, e.g. a worktree of the last commit
# built with `cargo build --release` and target/release/isnad. Exit 0 when
# every output is the same, 1 otherwise.
set -uo pipefail
before="$(realpath "$1")"; after="$(realpath "$2")"; mode="${3:-}"
cd "$(dirname "$0")/.."
corpora=../shared/corpora
work="$(mktemp -d /tmp/isnad-compare.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=0 NO_COLOR=1

if [ -d "$corpora" ] && [ "$mode" != --quick ]; then
  for c in ant-multisource/ant saudinewsnet/snn; do
    name="${c##*/}"
    zcat "$corpora/${c}_crossoutlet_articles.jsonl.gz" | awk -v o="$work/${name}_odd.jsonl" -v e="$work/${name}_even.jsonl" \
      '{ print > ((NR % 2) ? e : o) }'
  done
fi

run_all() {
  local bin="$1" out="$2"
  mkdir -p "$out"
  r() { local name="$1"; shift; "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"; echo "exit $?" >>"$out/$name.err"; }
  for f in corpora/drafts/*.txt; do
    ev="$(basename "$f" .txt)"
    for fmt in terminal line json markdown html; do
      r "check-$ev-$fmt" check "$f" --against "corpora/$ev/" --format "$fmt" --color never
    done
    r "check-$ev-html-en" check "$f" --against "corpora/$ev/" --format html --lang en
    r "check-$ev-all" check "$f" --against corpora/ --format json
  done
  for fmt in terminal line json markdown html; do
    r "crosscheck-$fmt" crosscheck corpora/ --format "$fmt" --color never
    r "crosscheck-all-$fmt" crosscheck corpora/ --all --format "$fmt" --color never
  done
  for fmt in terminal line json; do r "extract-$fmt" extract corpora/ --format "$fmt" --color never; done
  r rules rules
  for id in $("$bin" rules | awk 'NF > 1 && $1 ~ /^[a-z]/ {print $1}'); do r "rules-$id" rules "$id"; done
  local db="$out/archive.db"
  "$bin" archive add "$db" corpora/ >/dev/null 2>&1
  for f in corpora/drafts/*.txt; do r "archive-check-$(basename "$f" .txt)" check "$f" --archive "$db" --format json; done
  r archive-crosscheck crosscheck --archive "$db" --format json --all
  rm -f "$db"*
  [ -d "$corpora" ] || return 0
  r eval-dev eval --gold gold/dev.jsonl --corpora "$corpora" --verbose
  r eval-test eval --gold gold/test.jsonl --corpora "$corpora" --verbose
  [ "$mode" = --quick ] && return 0
  r crosscheck-10k crosscheck "$corpora/ant-multisource/ant_crossoutlet_articles.jsonl.gz" \
    "$corpora/saudinewsnet/snn_crossoutlet_articles.jsonl.gz" --format line
  for c in ant snn; do
    r "check-$c-halves" check "$work/${c}_odd.jsonl" --against "$work/${c}_even.jsonl" --format json
  done
  "$bin" extract --format json "$corpora/ant-multisource/ant_multisource_v2.1_all.jsonl.gz" 2>"$out/extract-ant.err" | sha256sum >"$out/extract-ant.sha"
  "$bin" extract --format line "$corpora/saudinewsnet/saudinewsnet_all.jsonl.gz" 2>"$out/extract-snn.err" | sha256sum >"$out/extract-snn.sha"
}

[ -d "$corpora" ] || echo "the shared corpora are not at $corpora: comparing the fixtures only"
run_all "$before" "$work/before"
run_all "$after" "$work/after"
n="$(ls "$work/before" | wc -l)"
if diff -rq "$work/before" "$work/after"; then
  echo "same: all $n outputs are byte-identical"
else
  echo "different: the outputs above differ (of $n)"
  exit 1
fi
