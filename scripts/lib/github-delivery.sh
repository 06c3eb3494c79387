# Sourced by scripts/send-pr.sh and scripts/send-comment.sh, not run: the objects GitHub's pull request and comment
# deliveries share (repository, user), and sending a delivery signed as GitHub signs it. Needs bash, curl and openssl.

# A made-up commit id: 40 hex digits.
random_sha() {
    head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

# A stable made-up numeric id for a name, since GitHub's objects all carry one.
id_of() {
    printf '%s' "$1" | cksum | cut -d' ' -f1
}

now() {
    date -u +%Y-%m-%dT%H:%M:%SZ
}

# $1 as a JSON string: backslashes first, then quotes and the control characters a title or comment may hold.
json_string() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\r'/\\r}
    s=${s//$'\t'/\\t}
    printf '"%s"' "$s"
}

# A user object as deliveries carry it (GitHub's has more URLs, which Hookline does not read).
user_json() {
    local login=$1
    printf '{"login":%s,"id":%s,"node_id":"U_%s","url":%s,"html_url":%s,"type":"User","site_admin":false}' \
        "$(json_string "$login")" "$(id_of "$login")" "$(id_of "$login")" \
        "$(json_string "https://api.github.com/users/$login")" "$(json_string "https://github.com/$login")"
}

# Refuses what GitHub would not name a repository: owner/name of letters, digits, '.', '-' and '_'.
check_repository() {
    if [[ ! $1 =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then
        echo "$(basename "$0"): REPO must be owner/name, not '$1'" >&2
        exit 2
    fi
}

# Refuses what is not a pull request number.
check_number() {
    if [[ ! $1 =~ ^[1-9][0-9]{0,8}$ ]]; then
        echo "$(basename "$0"): PR must be a pull request number, not '$1'" >&2
        exit 2
    fi
}

# The repository object of a delivery, for owner/name $1 (checked) with default branch $2.
repository_json() {
    local repo=$1 default_branch=$2
    local owner=${repo%%/*} name=${repo#*/}
    printf '{"id":%s,"node_id":"R_%s","name":"%s","full_name":"%s","private":false,"owner":%s,"html_url":"https://github.com/%s","url":"https://api.github.com/repos/%s","clone_url":"https://github.com/%s.git","git_url":"git://github.com/%s.git","ssh_url":"git@github.com:%s.git","default_branch":%s,"fork":false,"visibility":"public"}' \
        "$(id_of "$repo")" "$(id_of "$repo")" "$name" "$repo" "$(user_json "$owner")" \
        "$repo" "$repo" "$repo" "$repo" "$repo" "$(json_string "$default_branch")"
}

# Posts body $2 as a delivery of event $1 to URL $3, signed with secret $4, with GitHub's headers; prints the answer,
# status line and headers included.
deliver() {
    local event=$1 body=$2 url=$3 secret=$4
    local delivery signature
    delivery=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen 2>/dev/null || date +%s)
    signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')
    curl --silent --show-error --include "$url" \
        -H 'Content-Type: application/json' \
        -H "X-GitHub-Event: $event" \
        -H "X-GitHub-Delivery: $delivery" \
        -H "X-Hub-Signature-256: sha256=$signature" \
        -H "User-Agent: GitHub-Hookshot/$(basename "$0")" \
        --data-binary "$body"
    echo
}
