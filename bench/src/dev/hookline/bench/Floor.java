package dev.hookline.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The floor: the least a webhook receiver on Hookline's own stack (Vert.x, Jackson) can do per delivery. It reads the
 * body, checks the HMAC as Hookline does (constant-time), parses the JSON, reads the repository and answers 202; a bad
 * signature gets 401. One verticle per event loop, as many event loops as Quarkus starts (twice the cores).
 *
 * <pre>java -cp ... dev.hookline.bench.Floor PORT SECRET</pre>
 */
public final class Floor extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final int port;
    private final SecretKeySpec key;

    private Floor(int port, String secret) {
        this.port = port;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String secret = args[1];
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new Floor(port, secret),
                new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
                .onSuccess(id -> System.out.println("floor listening on 127.0.0.1:" + port))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start() {
        vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1");
    }

    private void handle(HttpServerRequest request) {
        if (request.method() == HttpMethod.GET) {
            // Readiness, for the benchmark to know it is listening.
            request.response().setStatusCode(200).end("ok");
            return;
        }
        request.body().onSuccess(buffer -> {
            byte[] raw = buffer.getBytes();
            if (!signed(request.getHeader("X-Hub-Signature-256"), raw)) {
                request.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                        .end("{\"status\":401,\"title\":\"Invalid signature\"}");
                return;
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(raw);
            } catch (java.io.IOException e) {
                payload = null;
            }
            if (payload == null || !payload.isObject()) {
                request.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                        .end("{\"status\":400,\"title\":\"Invalid payload\"}");
                return;
            }
            String repository = payload.path("repository").path("full_name").asText();
            request.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                    .putHeader("X-GitHub-Delivery", String.valueOf(request.getHeader("X-GitHub-Delivery")))
                    .end("{\"outcome\":\"ignored\",\"repository\":\"" + repository + "\"}");
        });
    }

    private boolean signed(String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=") || header.length() != 71) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(header.substring(7)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
