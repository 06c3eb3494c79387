package dev.hookline.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A handler for tests that build the intake by hand: records every delivery that reaches it and ignores it.
 */
public class RecordingPushHandler implements PushHandler, PullRequestHandler, CheckHandler {

    public final List<Object> received = new CopyOnWriteArrayList<>();

    @Override
    public Handling handle(String deliveryId, PushEvent event) {
        return recorded(event);
    }

    @Override
    public Handling pullRequest(String deliveryId, PullRequestEvent event) {
        return recorded(event);
    }

    @Override
    public Handling mergeGroup(String deliveryId, MergeGroupEvent event) {
        return recorded(event);
    }

    @Override
    public Handling comment(String deliveryId, IssueCommentEvent event) {
        return recorded(event);
    }

    @Override
    public Handling checkRun(String deliveryId, CheckRunEvent event) {
        return recorded(event);
    }

    @Override
    public Handling checkSuite(String deliveryId, CheckSuiteEvent event) {
        return recorded(event);
    }

    /** The intake's routing to this handler for every event. */
    public EventRouting routing() {
        return new EventRouting(this, this, this);
    }

    private Handling recorded(Object event) {
        received.add(event);
        return new Handling.Answer(DeliveryResult.ignored("recorded"));
    }
}
