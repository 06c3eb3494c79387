package dev.hookline.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import dev.hookline.tekton.TrackedRun;
import dev.hookline.webhook.Delivery;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the native executable must be told, checked on the JVM so that a gap fails here and not at a user's first
 * delivery (the native integration tests catch it too, but only where GraalVM is installed). Quarkus registers the
 * types it sees declared on endpoints for reflection by itself; the project registers its own JSON types explicitly
 * anyway, so that a method returning {@code Response}, or a client built by hand, cannot lose one silently.
 */
class NativeConfigurationTest {

    /** Resources that Quarkus puts into the native image by itself, or that only the tests read. */
    private static final List<String> NOT_LISTED = List.of(
            "application.properties", "META-INF/resources/**", "META-INF/services/**", "templates/**",
            // Tekton's CRD with its schemas, for the tests' mock clusters; local mode builds a slim one in code.
            "tekton/**");

    @Test
    void everyTypeJacksonWritesOrReadsByReflection_isRegistered() throws IOException, URISyntaxException {
        Set<Class<?>> json = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
        for (Class<?> type : mainClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                if (!isHttpMethod(method)) {
                    continue;
                }
                if (type.isInterface()) {
                    // A REST client: Jackson writes the one parameter without a JAX-RS annotation, the body.
                    for (Parameter parameter : method.getParameters()) {
                        if (Arrays.stream(parameter.getAnnotations()).noneMatch(NativeConfigurationTest::isJaxRs)) {
                            collect(parameter.getParameterizedType(), json);
                        }
                    }
                } else {
                    collect(method.getGenericReturnType(), json);
                }
            }
        }
        // The delivery log, the runs, the statuses and the body of a commit status at least.
        assertThat(json).contains(Delivery.class).hasSizeGreaterThan(5);
        // Written by Hookline's own mappers: the statuses a run records in its annotation.
        collect(TrackedRun.Posted.class, json);
        assertThat(json).allSatisfy(type -> assertThat(type.isAnnotationPresent(RegisterForReflection.class))
                .as("%s is written or read as JSON: annotate it @RegisterForReflection", type.getName()).isTrue());
    }

    @Test
    void everyResourceTheServiceReads_isInTheNativeImage() throws IOException {
        Path root = Path.of("src/main/resources");
        List<PathMatcher> included = globs(includes());
        List<PathMatcher> notListed = globs(NOT_LISTED);
        assertThat(included).as("quarkus.native.resources.includes").isNotEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> resources = files.filter(Files::isRegularFile).map(root::relativize).toList();
            assertThat(resources).anyMatch(path -> path.toString().equals("local/pipeline.yaml"));
            assertThat(resources).allSatisfy(path -> assertThat(
                    included.stream().anyMatch(glob -> glob.matches(path))
                            || notListed.stream().anyMatch(glob -> glob.matches(path)))
                    .as("%s: add it to quarkus.native.resources.includes if the service reads it at run time", path)
                    .isTrue());
        }
    }

    private static List<String> includes() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String value = properties.getProperty("quarkus.native.resources.includes", "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(glob -> !glob.isEmpty()).toList();
    }

    private static List<PathMatcher> globs(List<String> globs) {
        return globs.stream().map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
    }

    /** The project's types in a declared type, with those their record components or fields name, recursively. */
    private static void collect(Type type, Set<Class<?>> found) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), found);
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> collect(argument, found));
            return;
        }
        if (!(type instanceof Class<?> raw) || !raw.getName().startsWith("dev.hookline.") || !found.add(raw)) {
            return;
        }
        if (raw.isRecord()) {
            Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getGenericType)
                    .forEach(component -> collect(component, found));
        }
    }

    private static boolean isHttpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    private static boolean isJaxRs(Annotation annotation) {
        return annotation.annotationType().getPackageName().startsWith("jakarta.ws.rs");
    }

    private static List<Class<?>> mainClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(Delivery.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes.resolve("dev/hookline"))) {
            return files.map(classes::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(NativeConfigurationTest::load).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeConfigurationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
