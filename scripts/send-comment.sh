#!/usr/bin/env bash
# Sends a signed issue_comment delivery to Hookline, the way GitHub does for a comment created on a pull request. The
# payload has the shape of GitHub's own example (octokit/webhooks' payload-examples/api.github.com/issue_comment/
# created.payload.json, moved onto a pull request as in src/test/resources/github/issue_comment-retest.json).
#
#   scripts/send-comment.sh [BODY] [URL] [SECRET]
#
# BODY is the comment's text, /retest by default (also /retest TRIGGER, /ok-to-test, /cancel). URL and SECRET are as
# for send-pr.sh. Hookline reads the pull request the comment is on from GitHub; in local mode's dry run it answers
# from the pull_request deliveries it has seen, so send the pull request first: scripts/send-pr.sh.
#
#   REPO         the repository, owner/name (acme/api), and PR the pull request's number (1), as for send-pr.sh
#   COMMENTER    who comments (the repository's owner), ASSOCIATION their author_association (OWNER, trusted)
set -euo pipefail
# shellcheck source=lib/github-delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/github-delivery.sh"

text=${1:-/retest}
url=${2:-http://localhost:8080/hooks/github}
secret=${3:-hookline-dev-secret}
repo=${REPO:-acme/api}
number=${PR:-1}
owner=${repo%%/*}
commenter=${COMMENTER:-$owner}
association=${ASSOCIATION:-OWNER}

check_repository "$repo"
check_number "$number"

# The comment id is what makes a command act once, redeliveries included: a new one on each call (48 random bits).
comment=$((0x$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n') + 1))
api="https://api.github.com/repos/$repo"
web="https://github.com/$repo"

body=$(cat <<JSON
{"action":"created",
 "issue":{"url":"$api/issues/$number","repository_url":"$api","html_url":"$web/pull/$number",
   "id":$(id_of "$repo#$number"),"node_id":"I_$(id_of "$repo#$number")","number":$number,
   "title":"Pull request #$number","user":$(user_json "$owner"),"state":"open","locked":false,"comments":1,
   "created_at":"$(now)","updated_at":"$(now)","closed_at":null,"author_association":"OWNER","draft":false,
   "pull_request":{"url":"$api/pulls/$number","html_url":"$web/pull/$number","diff_url":"$web/pull/$number.diff",
     "patch_url":"$web/pull/$number.patch","merged_at":null}},
 "comment":{"url":"$api/issues/comments/$comment","html_url":"$web/pull/$number#issuecomment-$comment",
   "issue_url":"$api/issues/$number","id":$comment,"node_id":"IC_$comment","user":$(user_json "$commenter"),
   "created_at":"$(now)","updated_at":"$(now)","author_association":$(json_string "$association"),"body":$(json_string "$text")},
 "repository":$(repository_json "$repo" main),
 "sender":$(user_json "$commenter")}
JSON
)

deliver issue_comment "$body" "$url" "$secret"
