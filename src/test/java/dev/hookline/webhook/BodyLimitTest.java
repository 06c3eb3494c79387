package dev.hookline.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.hookline.tekton.TektonCrds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Bodies over the limit are refused without being held in memory. The test JVM runs with a small heap (see the
 * surefire argLine in pom.xml): the chunked body sent here is larger than that heap, so a webhook that buffered it
 * would fail with an OutOfMemoryError instead of answering 413.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = TektonCrds.class)
class BodyLimitTest {

    private static final long MORE_THAN_THE_HEAP = 1024L * 1024 * 1024;

    @TestHTTPResource("/")
    URI base;

    @Test
    void declaredLengthOverTheLimit_is413BeforeAnyByteIsSent() throws Exception {
        try (Socket socket = connect()) {
            writeHead(socket.getOutputStream(), "Content-Length: " + MORE_THAN_THE_HEAP);
            String response = readResponse(socket);
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("application/problem+json").contains("hookline.webhook.max-body-size");
        }
    }

    @Test
    void chunkedBodyLargerThanTheHeap_is413() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(heap).as("test JVM heap").isLessThan(MORE_THAN_THE_HEAP);
        try (Socket socket = connect()) {
            CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> {
                try {
                    return readResponse(socket);
                } catch (IOException e) {
                    return "read failed: " + e;
                }
            });
            OutputStream out = socket.getOutputStream();
            writeHead(out, "Transfer-Encoding: chunked");
            byte[] chunk = new byte[64 * 1024];
            byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                // Stops when the server answers or closes the connection; it must never read the whole body.
                while (sent < MORE_THAN_THE_HEAP && !response.isDone()) {
                    out.write(header);
                    out.write(chunk);
                    out.write('\r');
                    out.write('\n');
                    sent += chunk.length;
                }
            } catch (IOException closedByServer) {
                // expected: the server stops reading once the limit is passed
            }
            String answer = response.get(30, TimeUnit.SECONDS);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
            assertThat(sent).isLessThan(MORE_THAN_THE_HEAP);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void writeHead(OutputStream out, String lengthHeader) throws IOException {
        String head = "POST /hooks/github HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Content-Type: application/json\r\n"
                + "X-GitHub-Event: push\r\n"
                + "X-GitHub-Delivery: 5d2cbd40-big\r\n"
                + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n"
                + lengthHeader + "\r\n"
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readResponse(Socket socket) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder response = new StringBuilder();
        String line;
        int contentLength = 0;
        while ((line = reader.readLine()) != null && !line.isEmpty()) {
            response.append(line).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            }
        }
        char[] body = new char[contentLength];
        int read = 0;
        while (read < contentLength) {
            int n = reader.read(body, read, contentLength - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return response.append('\n').append(body, 0, read).toString();
    }
}
