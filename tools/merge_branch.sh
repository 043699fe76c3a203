#!/usr/bin/env bash
# Merge a helper's branch into the current one; generated files (_modidx.py, exported modules) are re-exported.
set -euo pipefail
b=$1
git merge --no-edit "$b" || {
  for f in $(git diff --name-only --diff-filter=U); do
    case "$f" in
      scribe_robust/*.py) git checkout --theirs "$f" ;;
      *) echo "conflict in $f: resolve by hand"; exit 1 ;;
    esac
  done
  .venv/bin/nbdev_export && git add -A && git commit -qm "Merge branch '$b'"
}
.venv/bin/nbdev_export
git status --short
