package dev.hookline.trigger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hookline.webhook.DeliveryResult;
import dev.hookline.webhook.Handling;
import dev.hookline.webhook.IssueCommentEvent;

/** The commands of comments on pull requests: {@code /retest}, {@code /ok-to-test} and {@code /cancel}. */
@ApplicationScoped
public class CommentCommands {

    Handling handle(String deliveryId, IssueCommentEvent event) {
        return new Handling.Answer(DeliveryResult.ignored("comment commands are not acted on yet"));
    }
}
