package dev.hookline.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The installed push handler, wrapped so that tests see every push that reached it. */
public class RecordingPushHandler extends NoTriggersPushHandler {

    public final List<PushEvent> received = new CopyOnWriteArrayList<>();

    @Override
    public PushResult handle(String deliveryId, PushEvent event) {
        received.add(event);
        return super.handle(deliveryId, event);
    }
}
