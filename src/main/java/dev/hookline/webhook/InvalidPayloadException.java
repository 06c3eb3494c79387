package dev.hookline.webhook;

/** A delivery whose body is not what its event promises; answered with 400. */
public class InvalidPayloadException extends RuntimeException {

    InvalidPayloadException(String message) {
        super(message, null, false, false);
    }
}
