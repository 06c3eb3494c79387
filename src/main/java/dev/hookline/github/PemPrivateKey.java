package dev.hookline.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GitHub App's private key from PEM. GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); converted keys
 * are often PKCS#8 ({@code BEGIN PRIVATE KEY}). The JDK reads only PKCS#8, so a PKCS#1 key is wrapped into a PKCS#8
 * structure first: that is a fixed DER prefix around the same bytes, no cryptography.
 */
final class PemPrivateKey {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }, preceded by version INTEGER 0. */
    private static final byte[] PKCS8_RSA_HEADER = {0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
            (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final int DER_SEQUENCE = 0x30;
    private static final int DER_OCTET_STRING = 0x04;

    private PemPrivateKey() {
    }

    /** Reads the key file; the messages name the file and the problem, never any of its content. */
    static PrivateKey read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the GitHub App private key file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            return parse(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the GitHub App private key file " + file + " " + e.getMessage());
        }
    }

    /** Parses the first private key in a PEM text. */
    static PrivateKey parse(String pem) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("holds no PEM block; expected -----BEGIN RSA PRIVATE KEY----- "
                    + "or -----BEGIN PRIVATE KEY-----");
        }
        String type = matcher.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a " + type + " block that is not valid base64");
        }
        byte[] pkcs8 = switch (type) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> pkcs1ToPkcs8(der);
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                    "is encrypted; use the unencrypted key GitHub generated");
            default -> throw new IllegalArgumentException("holds a " + type
                    + " block; expected RSA PRIVATE KEY (PKCS#1) or PRIVATE KEY (PKCS#8)");
        };
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("does not hold a valid RSA private key");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version, algorithm, OCTET STRING { the PKCS#1 RSAPrivateKey } } (RFC 5208). */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] octets = der(DER_OCTET_STRING, pkcs1);
        byte[] content = new byte[PKCS8_RSA_HEADER.length + octets.length];
        System.arraycopy(PKCS8_RSA_HEADER, 0, content, 0, PKCS8_RSA_HEADER.length);
        System.arraycopy(octets, 0, content, PKCS8_RSA_HEADER.length, octets.length);
        return der(DER_SEQUENCE, content);
    }

    /** One DER element: tag, definite length (short form below 128, else long form), content. */
    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
