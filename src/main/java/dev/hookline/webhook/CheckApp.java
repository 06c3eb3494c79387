package dev.hookline.webhook;

/**
 * The GitHub App that owns a check run or a check suite: only Hookline's own are acted on.
 *
 * @param id the App's numeric id
 * @param clientId the App's client id ({@code Iv1.…}), or {@code null} when the payload does not carry it
 */
public record CheckApp(long id, String clientId) {

    /** Whether this is the App configured as {@code hookline.github.app-id}, which may be its id or its client id. */
    public boolean is(String configured) {
        String wanted = configured.strip();
        return wanted.equals(Long.toString(id)) || wanted.equals(clientId);
    }
}
