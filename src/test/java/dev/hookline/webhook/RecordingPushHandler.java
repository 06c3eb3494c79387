package dev.hookline.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A push handler for tests that build the intake by hand: records every push that reaches it and ignores it. */
public class RecordingPushHandler implements PushHandler {

    public final List<PushEvent> received = new CopyOnWriteArrayList<>();

    @Override
    public Handling handle(String deliveryId, PushEvent event) {
        received.add(event);
        return new Handling.Answer(PushResult.ignored("recorded"));
    }
}
