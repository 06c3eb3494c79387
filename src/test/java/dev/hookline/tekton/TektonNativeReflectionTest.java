package dev.hookline.tekton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The native executable's reflection list for the Tekton model ({@link TektonNativeReflection}) against the
 * tekton-model jar on the class path: a new custom (de)serializer in a newer version shows up here, not as a failure
 * in production.
 */
class TektonNativeReflectionTest {

    @Test
    void tektonModel_isIndexed_soTheExtensionRegistersItsModelClasses() throws IOException, URISyntaxException {
        try (JarFile jar = tektonModelJar()) {
            assertThat(jar.getEntry("META-INF/jandex.idx")).isNotNull();
        }
    }

    @Test
    void everyJacksonSerializerOfTheTektonModel_isRegistered() throws IOException, URISyntaxException {
        List<Class<?>> registered = Arrays
                .asList(TektonNativeReflection.class.getAnnotation(RegisterForReflection.class).targets());
        List<Class<?>> custom;
        try (JarFile jar = tektonModelJar()) {
            custom = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith("Serializer.class") || name.endsWith("Deserializer.class"))
                    .map(TektonNativeReflectionTest::load)
                    .filter(type -> JsonSerializer.class.isAssignableFrom(type)
                            || JsonDeserializer.class.isAssignableFrom(type))
                    .toList();
        }
        assertThat(custom).isNotEmpty();
        assertThat(registered).containsExactlyInAnyOrderElementsOf(custom);
    }

    private static JarFile tektonModelJar() throws IOException, URISyntaxException {
        Path jar = Path.of(io.fabric8.tekton.v1.PipelineRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new JarFile(jar.toFile());
    }

    private static Class<?> load(String entry) {
        String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        try {
            return Class.forName(name, false, TektonNativeReflectionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
