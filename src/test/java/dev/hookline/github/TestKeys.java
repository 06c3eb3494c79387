package dev.hookline.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** RSA keys made per test run, in the PEM forms GitHub and openssl hand out, and a JWT check independent of jose4j. */
public final class TestKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestKeys() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code BEGIN PRIVATE KEY}: what the JDK encodes. */
    static String pkcs8Pem(KeyPair keys) {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /**
     * {@code BEGIN RSA PRIVATE KEY}, as GitHub generates App keys: the RSAPrivateKey inside the JDK's PKCS#8
     * encoding, taken out by reading the DER (independently of the wrapping code under test).
     */
    static String pkcs1Pem(KeyPair keys) {
        byte[] der = keys.getPrivate().getEncoded();
        int[] position = {0};
        enter(der, position, 0x30); // PrivateKeyInfo
        skip(der, position, 0x02); // version
        skip(der, position, 0x30); // AlgorithmIdentifier
        int length = enter(der, position, 0x04); // privateKey
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(der, position[0], position[0] + length));
    }

    /** The claims of an RS256 JWT after checking its header and its signature against the public key. */
    public static JsonNode verifiedClaims(String jwt, PublicKey publicKey) throws Exception {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWS compact serialization: " + parts.length + " parts");
        }
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new AssertionError("alg is " + header.path("alg"));
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("the RS256 signature does not verify with the App's public key");
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int enter(byte[] der, int[] position, int tag) {
        if ((der[position[0]++] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag at " + (position[0] - 1));
        }
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[position[0]++] & 0xff);
        }
        return length;
    }

    private static void skip(byte[] der, int[] position, int tag) {
        int length = enter(der, position, tag); // read first: `position[0] += ...` would add to the old position
        position[0] += length;
    }
}
