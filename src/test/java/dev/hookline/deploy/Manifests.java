package dev.hookline.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The files under {@code kubernetes/}, read the way the tests need them: Kubernetes objects through the fabric8
 * client (so that each kind maps to its model class), kustomizations and triggers files as plain YAML.
 */
final class Manifests {

    static final Path ROOT = Path.of("kubernetes");
    static final Path BASE = ROOT.resolve("base");
    static final Path EXAMPLES = ROOT.resolve("examples");
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final String TRIGGERS = "triggers.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** Every YAML file under {@code kubernetes/}, sorted. */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals(KUSTOMIZATION);
    }

    static boolean isTriggersFile(Path file) {
        return file.getFileName().toString().equals(TRIGGERS);
    }

    /** A template that documents a Secret and is never applied. */
    static boolean isTemplate(Path file) {
        return file.getFileName().toString().endsWith(".example.yaml");
    }

    /** Files holding Kubernetes objects: everything but kustomizations and triggers files. */
    static List<Path> objectFiles() {
        return yamlFiles().stream().filter(f -> !isKustomization(f) && !isTriggersFile(f)).toList();
    }

    /** The non-empty YAML documents of a file, as trees. */
    static List<JsonNode> documents(Path file) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readerFor(JsonNode.class).readValues(file.toFile()).forEachRemaining(node -> {
                JsonNode document = (JsonNode) node;
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML", e);
        }
    }

    /** The one document of a file that holds exactly one, e.g. a kustomization. */
    static JsonNode document(Path file) {
        List<JsonNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " holds " + documents.size() + " YAML documents, expected one");
        }
        return documents.get(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The objects of a file as the fabric8 client loads them: a kind it knows becomes its model class, any other a
     * {@link GenericKubernetesResource}.
     */
    static List<HasMetadata> load(KubernetesClient client, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return client.load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The only object of this type and name in a file. */
    static <T extends HasMetadata> T only(KubernetesClient client, Path file, Class<T> type) {
        List<T> found = load(client, file).stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(file + " holds " + found.size() + " " + type.getSimpleName() + ", expected one");
        }
        return found.get(0);
    }

    /**
     * Fields the model did not recognise. fabric8's model classes keep unknown fields (and values of the wrong type)
     * in {@code additionalProperties} instead of refusing them, so a typo such as {@code readOnlyRootFileSystem}
     * would load without a sound; this walks the whole object and lists every such field by its path.
     */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found));
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Object property = invoke(method, value);
            if (method.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> found.add((path.isEmpty() ? "" : path.substring(1) + ".") + key));
                }
            } else {
                String name = method.getName().substring(3);
                walk(property, path + "." + name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1), found);
            }
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + method + " of " + target.getClass().getName(), e);
        }
    }
}
