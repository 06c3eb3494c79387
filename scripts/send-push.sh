#!/usr/bin/env bash
# Sends a signed sample push to Hookline, the way GitHub does.
#
#   scripts/send-push.sh [URL] [SECRET]
#
# URL defaults to http://localhost:8080/hooks/github, SECRET to local mode's development secret.
# MESSAGE sets the head commit's message: "[local:fail]" or "[local:timeout]" in it make local
# mode's simulated Tekton fail or time out. REPO (owner/name) and BRANCH choose what was pushed.
set -euo pipefail

url=${1:-http://localhost:8080/hooks/github}
secret=${2:-hookline-dev-secret}
repo=${REPO:-acme/api}
branch=${BRANCH:-main}
message=${MESSAGE:-Add health endpoint}
owner=${repo%%/*}
name=${repo#*/}

sha=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
delivery=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || date +%s%N)
# JSON-escape the message: backslashes first, then quotes.
message_json=$(printf '%s' "$message" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')

body=$(cat <<JSON
{"ref":"refs/heads/$branch","before":"0000000000000000000000000000000000000000","after":"$sha",
 "created":false,"deleted":false,"forced":false,"base_ref":null,
 "repository":{"name":"$name","full_name":"$repo","owner":{"login":"$owner","name":"$owner"},
   "html_url":"https://github.com/$repo","clone_url":"https://github.com/$repo.git","ssh_url":"git@github.com:$repo.git"},
 "pusher":{"name":"${USER:-someone}"},
 "head_commit":{"id":"$sha","message":"$message_json","author":{"name":"${USER:-someone}"},
   "added":[],"modified":["src/main/java/App.java"],"removed":[]},
 "commits":[{"id":"$sha","message":"$message_json","author":{"name":"${USER:-someone}"},
   "added":[],"modified":["src/main/java/App.java"],"removed":[]}]}
JSON
)

signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')

curl --silent --show-error --include "$url" \
  -H 'Content-Type: application/json' \
  -H 'X-GitHub-Event: push' \
  -H "X-GitHub-Delivery: $delivery" \
  -H "X-Hub-Signature-256: sha256=$signature" \
  -H 'User-Agent: GitHub-Hookshot/send-push.sh' \
  --data-binary "$body"
echo
