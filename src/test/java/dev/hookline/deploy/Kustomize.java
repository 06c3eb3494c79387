package dev.hookline.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** {@code kubectl kustomize}, where kubectl is installed: what {@code kubectl apply -k} would send. */
final class Kustomize {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Kustomize() {
    }

    static boolean available() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The objects kustomize renders for a folder; fails with kustomize's own message when it cannot. */
    static List<HasMetadata> build(Path folder) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", folder.toString()).start();
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + folder + " failed: "
                    + new String(errors.join(), StandardCharsets.UTF_8));
        }
        Object loaded = SERIALIZATION.unmarshal(new ByteArrayInputStream(output));
        @SuppressWarnings("unchecked")
        List<HasMetadata> objects = loaded instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) loaded);
        return objects;
    }
}
