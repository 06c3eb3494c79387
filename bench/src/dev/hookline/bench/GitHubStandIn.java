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
 * GitHub does, and records when each arrived, per commit sha and context, with its state. Given a limit, it enforces
 * GitHub's secondary limit per token ({@link SecondaryLimit}): a write beyond it is answered {@code 403} with GitHub's
 * message and a {@code Retry-After}, and not stored. Every write, accepted or refused, is logged in arrival order.
 */
final class GitHubStandIn implements AutoCloseable {

    /** One status as it arrived. */
    record Arrival(String state, long nanos, Instant wall) {
    }

    /**
     * One status write as it arrived, accepted or refused.
     *
     * @param retryAfterSeconds the {@code Retry-After} a refusal carried, else 0
     */
    record Write(String token, String sha, String context, String state, long nanos, Instant wall, boolean refused,
            long retryAfterSeconds) {
    }

    /** GitHub's body for a secondary rate limit (403), as documented. */
    static final String SECONDARY_LIMIT_BODY = "{\"message\":\"You have exceeded a secondary rate limit. Please wait a "
            + "few minutes before you try again. If you reach out to GitHub Support for help, please include the request "
            + "ID.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
            + "#about-secondary-rate-limits\",\"status\":\"403\"}";

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
    private final SecondaryLimit limit;
    private final List<Write> writes = new ArrayList<>();

    private final long answerDelayMillis;

    /** A stand-in that accepts every write and answers at once. */
    GitHubStandIn() throws IOException {
        this(0, 0);
    }

    /**
     * A stand-in that accepts at most {@code writesPerMinute} writes per token in any 60 s (0: no limit), and answers
     * each write {@code answerDelayMillis} after it arrived, as a distant GitHub would (its time is still the arrival).
     */
    GitHubStandIn(int writesPerMinute, long answerDelayMillis) throws IOException {
        limit = new SecondaryLimit(writesPerMinute);
        this.answerDelayMillis = answerDelayMillis;
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
            String token = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            SecondaryLimit.Decision decision = limit.admit(token, nanos);
            synchronized (writes) {
                writes.add(new Write(token, sha, context, state, nanos, wall, !decision.accepted(),
                        decision.retryAfterSeconds()));
            }
            if (answerDelayMillis > 0) {
                try {
                    Thread.sleep(answerDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!decision.accepted()) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(decision.retryAfterSeconds()));
                answer(exchange, 403, SECONDARY_LIMIT_BODY);
                return;
            }
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

    /** Every status write so far, accepted or refused, in arrival order (a copy). */
    List<Write> writes() {
        synchronized (writes) {
            return new ArrayList<>(writes);
        }
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
