#!/usr/bin/env bash
# Sends a signed pull_request delivery to Hookline, the way GitHub does. The payload has the shape of GitHub's own
# example (octokit/webhooks' payload-examples/api.github.com/pull_request/opened.payload.json, kept in
# src/test/resources/github/pull_request-opened.json), trimmed to the pull request's identity, head and base.
#
#   scripts/send-pr.sh [ACTION] [URL] [SECRET]
#
# ACTION is opened (the default), synchronize (a new head commit was pushed), reopened, or closed (which cancels the
# pull request's running runs). URL defaults to http://localhost:8080/hooks/github, SECRET to local mode's development
# secret. Local mode's trigger "pull-request" runs every pull request; the title is its runs' title there, so
# TITLE="Break it [local:fail]" makes the simulated Tekton fail them and "[local:timeout]" time them out.
#
#   REPO         the base repository, owner/name (acme/api)
#   PR           the pull request's number (1)
#   BASE         the branch it goes into (main)
#   HEAD_BRANCH  the branch it comes from (feature-PR)
#   TITLE        its title (Add health endpoint)
#   SHA          the head commit (a new random one on each call)
#   AUTHOR       who opened it (the repository's owner), ASSOCIATION their author_association (OWNER, trusted)
#   DRAFT        true for a draft (false)
set -euo pipefail
# shellcheck source=lib/github-delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/github-delivery.sh"

action=${1:-opened}
url=${2:-http://localhost:8080/hooks/github}
secret=${3:-hookline-dev-secret}
repo=${REPO:-acme/api}
number=${PR:-1}
base=${BASE:-main}
head_branch=${HEAD_BRANCH:-feature-$number}
title=${TITLE:-Add health endpoint}
sha=${SHA:-$(random_sha)}
owner=${repo%%/*}
author=${AUTHOR:-$owner}
association=${ASSOCIATION:-OWNER}
draft=${DRAFT:-false}

case $action in
    opened | synchronize | reopened | closed) ;;
    *)
        echo "send-pr.sh: ACTION must be opened, synchronize, reopened or closed, not '$action'" >&2
        exit 2
        ;;
esac
check_repository "$repo"
check_number "$number"
if [[ ! $sha =~ ^[0-9a-f]{40}$ ]]; then
    echo "send-pr.sh: SHA must be a commit id (40 lower-case hex digits), not '$sha'" >&2
    exit 2
fi
if [[ $draft != true && $draft != false ]]; then
    echo "send-pr.sh: DRAFT must be true or false, not '$draft'" >&2
    exit 2
fi

state=open closed_at=null
if [[ $action == closed ]]; then
    state=closed closed_at="\"$(now)\""
fi
api="https://api.github.com/repos/$repo"
web="https://github.com/$repo"
repository=$(repository_json "$repo" "$base")
# synchronize names the head before and after the push.
moved=""
if [[ $action == synchronize ]]; then
    moved="\"before\":\"$(random_sha)\",\"after\":\"$sha\","
fi

body=$(cat <<JSON
{"action":"$action","number":$number,
 "pull_request":{"url":"$api/pulls/$number","id":$(id_of "$repo#$number"),"node_id":"PR_$(id_of "$repo#$number")",
   "html_url":"$web/pull/$number","diff_url":"$web/pull/$number.diff","patch_url":"$web/pull/$number.patch",
   "issue_url":"$api/issues/$number","number":$number,"state":"$state","locked":false,"title":$(json_string "$title"),
   "user":$(user_json "$author"),"body":"Sent by scripts/send-pr.sh.",
   "created_at":"$(now)","updated_at":"$(now)","closed_at":$closed_at,"merged_at":null,"merge_commit_sha":null,
   "draft":$draft,
   "head":{"label":$(json_string "$owner:$head_branch"),"ref":$(json_string "$head_branch"),"sha":"$sha","user":$(user_json "$owner"),
     "repo":$repository},
   "base":{"label":$(json_string "$owner:$base"),"ref":$(json_string "$base"),"sha":"$(random_sha)","user":$(user_json "$owner"),
     "repo":$repository},
   "author_association":$(json_string "$association"),"auto_merge":null,"merged":false,"commits":1,"changed_files":1},
 $moved"repository":$repository,
 "sender":$(user_json "$author")}
JSON
)

deliver pull_request "$body" "$url" "$secret"
