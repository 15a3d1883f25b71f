# Shared by sdks/generate and sdks/check: paths and the tool chains, installed only
# when missing or at another version (so a second run is quick).

sdks_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$sdks_dir/.." && pwd)
venv=${KREMNA_SDK_VENV:-$HOME/.cache/kremna-sdk-venv}

ensure_python_tools() {
  local want="$sdks_dir/python/requirements-dev.txt" stamp="$venv/.kremna-requirements"
  if [[ -x "$venv/bin/python" ]] && cmp -s "$want" "$stamp"; then return; fi
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q -r "$want"
  cp "$want" "$stamp"
}

ensure_node_tools() {
  local ts="$sdks_dir/typescript"
  if [[ -d "$ts/node_modules/@hey-api/openapi-ts" ]] && [[ "$ts/node_modules/.package-lock.json" -nt "$ts/package-lock.json" ]]; then return; fi
  (cd "$ts" && npm ci --no-audit --no-fund --loglevel=error)
}
