#!/usr/bin/env bash
# Sends a signed sample push to Hookline, the way GitHub does.
#
#   scripts/send-push.sh [URL] [SECRET]
#
# URL defaults to http://localhost:8080/hooks/github, SECRET to local mode's development secret.
# MESSAGE sets the head commit's message: "[local:fail]" or "[local:timeout]" in it make local
# mode's simulated Tekton fail or time out. REPO (owner/name) and BRANCH choose what was pushed.
set -euo pipefail
# shellcheck source=lib/github-delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/github-delivery.sh"

url=${1:-http://localhost:8080/hooks/github}
secret=${2:-hookline-dev-secret}
repo=${REPO:-acme/api}
branch=${BRANCH:-main}
message=${MESSAGE:-Add health endpoint}
owner=${repo%%/*}
name=${repo#*/}

sha=$(random_sha)
message_json=$(json_string "$message")

body=$(cat <<JSON
{"ref":"refs/heads/$branch","before":"0000000000000000000000000000000000000000","after":"$sha",
 "created":false,"deleted":false,"forced":false,"base_ref":null,
 "repository":{"name":"$name","full_name":"$repo","owner":{"login":"$owner","name":"$owner"},
   "html_url":"https://github.com/$repo","clone_url":"https://github.com/$repo.git","ssh_url":"git@github.com:$repo.git"},
 "pusher":{"name":"${USER:-someone}"},
 "head_commit":{"id":"$sha","message":$message_json,"author":{"name":"${USER:-someone}"},
   "added":[],"modified":["src/main/java/App.java"],"removed":[]},
 "commits":[{"id":"$sha","message":$message_json,"author":{"name":"${USER:-someone}"},
   "added":[],"modified":["src/main/java/App.java"],"removed":[]}]}
JSON
)

deliver push "$body" "$url" "$secret"
