package dev.hookline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * GitHub's commit status endpoint, served under {@code /api/v3} on loopback: it accepts every status with 201, as
 * GitHub does, and records when each arrived, per commit sha and context, with its state.
 */
final class GitHubStandIn implements AutoCloseable {

    /** One status as it arrived. */
    record Arrival(String state, long nanos, Instant wall) {
    }

    private static final String PREFIX = "/api/v3/repos/";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "github-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, List<Arrival>> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();

    GitHubStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/api/v3/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + port() + "/api/v3";
    }

    private void handle(HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        Instant wall = Instant.now();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.startsWith(PREFIX) ? path.substring(PREFIX.length()).split("/") : new String[0];
            if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 4 || !"statuses".equals(parts[2])) {
                unexpected.incrementAndGet();
                answer(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            JsonNode status = json.readTree(body);
            String sha = parts[3];
            String context = status.path("context").asText("default");
            String state = status.path("state").asText();
            arrivals.computeIfAbsent(key(sha, context), k -> new ArrayList<>());
            List<Arrival> list = arrivals.get(key(sha, context));
            synchronized (list) {
                list.add(new Arrival(state, nanos, wall));
            }
            long id = posts.incrementAndGet();
            answer(exchange, 201, "{\"id\":" + id + ",\"state\":\"" + state + "\",\"context\":\"" + context + "\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("X-RateLimit-Remaining", "4999");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String key(String sha, String context) {
        return sha + " " + context;
    }

    /** The statuses posted for one commit and context, in arrival order (a copy). */
    List<Arrival> arrivals(String sha, String context) {
        List<Arrival> list = arrivals.get(key(sha, context));
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    /** The first arrival of {@code state}, or {@code null}. */
    Arrival first(String sha, String context, String state) {
        for (Arrival arrival : arrivals(sha, context)) {
            if (arrival.state().equals(state)) {
                return arrival;
            }
        }
        return null;
    }

    Map<String, List<Arrival>> all() {
        return arrivals;
    }

    long posts() {
        return posts.get();
    }

    long unexpected() {
        return unexpected.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
