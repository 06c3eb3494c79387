package dev.hookline.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemPrivateKeyTest {

    private static final KeyPair KEYS = TestKeys.generate();

    @Test
    void pkcs1Key_asGitHubHandsItOut_loads() {
        String pem = TestKeys.pkcs1Pem(KEYS);
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(PemPrivateKey.parse(pem).getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    }

    @Test
    void pkcs8Key_loads() {
        String pem = TestKeys.pkcs8Pem(KEYS);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemPrivateKey.parse(pem).getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    }

    @Test
    void keyFile_withWindowsLineEndsAndSurroundingText_loads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.pem");
        Files.writeString(file, "Bag Attributes\r\n" + TestKeys.pkcs1Pem(KEYS).replace("\n", "\r\n"));
        PrivateKey key = PemPrivateKey.read(file);
        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key.getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    }

    @Test
    void encryptedKey_isRefusedWithAReason() {
        String pem = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PemPrivateKey.parse(pem)).hasMessageContaining("encrypted");
    }

    @Test
    void badKeyFile_isRefusedNamingTheFile_withoutItsContent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.pem");
        Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemPrivateKey.read(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not hold a valid RSA private key")
                .hasMessageNotContaining("c2VjcmV0LWJ5dGVz");
        assertThatThrownBy(() -> PemPrivateKey.read(dir.resolve("missing.pem")))
                .hasMessageContaining("cannot read");
        Files.writeString(file, "ssh-rsa AAAA...");
        assertThatThrownBy(() -> PemPrivateKey.read(file)).hasMessageContaining("no PEM block");
    }
}
