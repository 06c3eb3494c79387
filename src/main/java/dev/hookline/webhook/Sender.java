package dev.hookline.webhook;

/**
 * Who caused a delivery, as its {@code sender} names them.
 *
 * @param login the login
 * @param bot whether the account is a bot ({@code type} {@code Bot}): an App, or a bot user such as Renovate
 */
public record Sender(String login, boolean bot) {
}
