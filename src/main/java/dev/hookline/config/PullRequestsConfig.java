package dev.hookline.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.WithDefault;

/** Settings of pull request handling: who is trusted, and how much of GitHub is read per delivery. */
public interface PullRequestsConfig {

    /**
     * The {@code author_association} values GitHub gives a pull request's author or a commenter that make them
     * trusted without asking GitHub for their permission; anyone else is trusted only when GitHub says they can
     * write to the repository.
     */
    @WithDefault("OWNER,MEMBER,COLLABORATOR")
    List<String> trustedAssociations();

    /**
     * Whether a maintainer's {@code /ok-to-test} approves the pull request rather than one commit: new pushes by
     * its untrusted author then run without asking again. Off by default, since a push after the approval can
     * change anything the approval was given for, including the pipeline's use of secrets.
     */
    @WithDefault("false")
    boolean rememberApproval();

    /** The most changed files read for path filters; GitHub lists at most 3,000. */
    @WithDefault("3000")
    int filesLimit();

    /**
     * How long reading a pull request's changed files may take in all (pages of 100, the page in flight
     * included); past it the list counts as incomplete and the pull request runs. Keeps a delivery's answer
     * within GitHub's 10 s.
     */
    @WithDefault("3s")
    Duration filesBudget();

    /**
     * How long a delivery waits for each other read from GitHub (the pull request, a user's permission); past it
     * the delivery is answered 503, and GitHub's redelivery finishes the job. With {@code files-budget}, a
     * comment's reads take 7 s at most, within the 10 s GitHub waits for an answer.
     */
    @WithDefault("2s")
    Duration readTimeout();
}
