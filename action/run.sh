#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml). Every input arrives as an
# INPUT_* environment variable and is passed to saasgov as one argument;
# nothing is evaluated. Writes the Markdown report to $GITHUB_STEP_SUMMARY,
# `exit-code` and `sarif-file` to $GITHUB_OUTPUT, and exits with saasgov's
# status (0 clean, 1 findings, 2 usage or configuration error).
set -uo pipefail
set -f # no glob expansion: globs in `paths` are saasgov's to expand

saasgov=(node "${GITHUB_ACTION_PATH:?}/bin/saasgov.js")
is_true() { [[ "${1,,}" == "true" ]]; }

# Options shared by every run: config, date, comparison-free.
common=()
[[ -n "${INPUT_CONFIG:-}" ]] && common+=(--config "$INPUT_CONFIG")
[[ -n "${INPUT_AS_OF:-}" ]] && common+=(--as-of "$INPUT_AS_OF")
read -r -d '' -a paths <<<"${INPUT_PATHS:-}"

args=(lint "${common[@]}")
if is_true "${INPUT_ANNOTATIONS:-true}"; then args+=(--format github); else args+=(--format stylish); fi

summary_file=""
if is_true "${INPUT_SUMMARY:-true}" && [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  summary_file="$(mktemp)"
  trap 'rm -f "$summary_file"' EXIT
  args+=(--report "markdown=$summary_file")
fi
[[ -n "${INPUT_JUNIT_FILE:-}" ]] && args+=(--report "junit=$INPUT_JUNIT_FILE")

if is_true "${INPUT_FAIL_ON_WARNINGS:-false}"; then
  args+=(--max-warnings 0)
elif [[ -n "${INPUT_MAX_WARNINGS:-}" ]]; then
  args+=(--max-warnings "$INPUT_MAX_WARNINGS")
fi

comparing=false
if [[ -n "${INPUT_NEW_SINCE:-}" ]]; then
  comparing=true
  ref="$INPUT_NEW_SINCE"
  # A shallow checkout may lack the base commit: fetch just that commit (never a ref that looks like an option).
  if [[ "$ref" != -* ]] && ! git rev-parse --verify --quiet "${ref}^{commit}" >/dev/null 2>&1; then
    git fetch --no-tags --quiet --depth=1 origin "$ref" 2>/dev/null && ref="$(git rev-parse FETCH_HEAD)"
  fi
  args+=(--new-since "$ref")
fi
if [[ -n "${INPUT_BASELINE:-}" ]]; then
  comparing=true
  args+=(--baseline "$INPUT_BASELINE")
fi

sarif_out=""
if [[ -n "${INPUT_SARIF_FILE:-}" ]]; then
  sarif_out="$INPUT_SARIF_FILE"
  # Code scanning compares with the base branch itself, so SARIF gets every finding: with a
  # comparison, it comes from a run of its own.
  if [[ "$comparing" == false ]]; then args+=(--report "sarif=$INPUT_SARIF_FILE"); fi
fi

"${saasgov[@]}" "${args[@]}" -- "${paths[@]}"
status=$?

if [[ -n "$sarif_out" && "$comparing" == true && "$status" != 2 ]]; then
  "${saasgov[@]}" lint "${common[@]}" --format sarif --output-file "$sarif_out" -- "${paths[@]}" >/dev/null
  [[ $? == 2 ]] && status=2
fi

if [[ -n "$summary_file" ]]; then
  if [[ -s "$summary_file" ]]; then
    cat "$summary_file" >>"$GITHUB_STEP_SUMMARY"
  else
    printf '### ⛔ saasgov could not run (exit status %s)\n\nSee the log of this step.\n' "$status" >>"$GITHUB_STEP_SUMMARY"
  fi
fi
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  echo "exit-code=$status" >>"$GITHUB_OUTPUT"
  # A value with a line break would add outputs of its own: leave it out.
  [[ -n "$sarif_out" && -f "$sarif_out" && "$sarif_out" != *$'\n'* ]] && echo "sarif-file=$sarif_out" >>"$GITHUB_OUTPUT"
fi
exit "$status"
