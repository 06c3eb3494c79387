package dev.hookline.tekton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * PipelineRun names as a pure function of (delivery id, trigger): a redelivery computes the same name and finds its
 * run already there, which is how Hookline creates nothing twice without a database.
 */
public final class RunNames {

    // Tekton copies the run's name into label values of its TaskRuns and pods: stay within a label's 63 characters.
    private static final int MAX = 63;
    private static final int HASH = 8;

    private RunNames() {
    }

    /** {@code <trigger>-<shortSha>-<hash of delivery and trigger>}, DNS-1123 valid and at most 63 characters. */
    public static String of(String deliveryId, String trigger, String shortSha) {
        String hash = sha256(deliveryId + "\n" + trigger).substring(0, HASH);
        String suffix = "-" + shortSha + "-" + hash;
        String prefix = trigger.length() > MAX - suffix.length() ? trigger.substring(0, MAX - suffix.length()) : trigger;
        return prefix.replaceAll("-+$", "") + suffix;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
