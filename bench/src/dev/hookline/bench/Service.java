package dev.hookline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the benchmark starts (Hookline or the floor): its process id, readiness, and what {@code /proc} and
 * {@code jcmd} tell about it. Every process started is written to {@code BENCH_PIDFILE}, so the calling script's trap
 * can end it even if this JVM dies, and is ended by a shutdown hook otherwise.
 */
final class Service implements AutoCloseable {

    private final String name;
    private final Process process;
    private final long startedNanos;

    private Service(String name, Process process, long startedNanos) {
        this.name = name;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static Service start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        String pidFile = System.getenv("BENCH_PIDFILE");
        if (pidFile != null && !pidFile.isBlank()) {
            Files.writeString(Path.of(pidFile), process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Service service = new Service(name, process, started);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        return service;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Polls {@code GET path} every 10 ms until it answers 200; returns milliseconds since the process was started.
     */
    long awaitReady(int port, String path, long timeoutMillis) throws InterruptedException {
        long deadline = startedNanos + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                if (Http.once(port, "GET", path, new String[0], null, 1000).status() == 200) {
                    return (System.nanoTime() - startedNanos) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(name + " was not ready within " + timeoutMillis + " ms");
    }

    /** A field of {@code /proc/PID/status} in its unit (kB for VmRSS), or -1. */
    long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    double rssMb() {
        return procStatus("VmRSS") / 1024.0;
    }

    long threads() {
        return procStatus("Threads");
    }

    long fds() {
        try (var files = Files.list(Path.of("/proc/" + pid() + "/fd"))) {
            return files.count();
        } catch (IOException e) {
            return -1;
        }
    }

    long cpuNanos() {
        return ClosedLoop.processCpuNanos(pid());
    }

    /** {@code jcmd PID COMMAND}; its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid())));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** A full GC ({@code jcmd PID GC.run}), then a moment for the heap figures to settle. */
    void fullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Thread.sleep(500);
    }

    /** Heap used, from Micrometer's {@code jvm_memory_used_bytes{area="heap"}} on {@code /q/metrics}, in MB. */
    static double heapUsedMb(int port) throws IOException {
        double bytes = 0;
        for (String line : Http.get(port, "/q/metrics").text().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return bytes / (1024 * 1024);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
