package dev.hookline.github;

/**
 * One commit status to post. The description is cut to GitHub's limit on construction, so every status that exists
 * can be posted.
 *
 * @param repository the repository as {@code owner/name}
 * @param sha the full commit sha
 * @param state the state to report
 * @param description a short human text, cut to {@value #MAX_DESCRIPTION} code points; may be {@code null}
 * @param context what reported the status, e.g. {@code hookline/build}; GitHub keeps one status per context
 * @param targetUrl the link behind the status, or {@code null} for none
 */
public record CommitStatus(String repository, String sha, CommitState state, String description, String context,
        String targetUrl) {

    /** GitHub refuses longer descriptions with a 422. */
    public static final int MAX_DESCRIPTION = 140;

    public CommitStatus {
        if (repository == null || repository.indexOf('/') <= 0 || repository.indexOf('/') != repository.lastIndexOf('/')
                || repository.endsWith("/")) {
            throw new IllegalArgumentException("repository must be owner/name, not '" + repository + "'");
        }
        if (sha == null || sha.isBlank()) {
            throw new IllegalArgumentException("sha is required");
        }
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("context is required");
        }
        description = cutDescription(description);
    }

    /** The repository's owner. */
    public String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    /** The repository's name without its owner. */
    public String name() {
        return repository.substring(repository.indexOf('/') + 1);
    }

    /**
     * Cuts a description to at most {@value #MAX_DESCRIPTION} code points, ending a cut one with an ellipsis.
     * Counting code points, not {@code char}s, never splits a surrogate pair: an emoji at the boundary is kept or
     * dropped whole, and a CJK text is not cut at half of GitHub's limit. (A combined emoji, such as a flag, may
     * still lose its second half; GitHub does not count graphemes either.)
     */
    public static String cutDescription(String description) {
        if (description == null || description.codePointCount(0, description.length()) <= MAX_DESCRIPTION) {
            return description;
        }
        return description.substring(0, description.offsetByCodePoints(0, MAX_DESCRIPTION - 1)) + "…";
    }
}
