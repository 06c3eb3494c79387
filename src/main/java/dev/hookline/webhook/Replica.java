package dev.hookline.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this replica: its pod's name ({@code HOSTNAME}), as {@code kubectl get pods} shows it. */
public final class Replica {

    private static final String NAME = resolve();

    private Replica() {
    }

    public static String name() {
        return NAME;
    }

    private static String resolve() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "hookline";
        }
    }
}
