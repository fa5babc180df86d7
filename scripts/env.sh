# Sourced by the scripts: puts the tools scripts/setup installed on PATH, and keeps Trunk offline.
TOOLS="${AGENT_CREDITS_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/agent-credits}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$TOOLS/node_modules/.bin:$PATH"
# Trunk's update check calls a web API this machine cannot reach.
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
