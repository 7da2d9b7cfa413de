package dev.routeguide.grpc.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests, generated at test time and written as PEM files into a
 * directory (a JUnit {@code @TempDir}): a CA, a server certificate for {@code localhost}, {@code
 * 127.0.0.1} and {@code ::1} signed by it, and a client certificate signed by it. Keys are EC
 * P-256, private keys in unencrypted PKCS#8; everything is valid from an hour ago for a day.
 *
 * <p>Shared through this module's test-jar with the examples' command-line tests.
 */
public final class TestCertificates {

  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

  /** The CA certificate, to trust on either side. */
  public final Path caCertificate;

  /** The server's certificate chain (leaf, then CA) and key. */
  public final Path serverCertificateChain;

  public final Path serverPrivateKey;

  /** The client's certificate chain (leaf, then CA) and key. */
  public final Path clientCertificateChain;

  public final Path clientPrivateKey;

  private final Path directory;
  private final String prefix;
  private KeyPair caKeys;
  private X500Name caName;
  private X509Certificate ca;

  /** A client certificate chain (leaf, then CA) and its key, as PEM files. */
  public record Client(Path certificateChain, Path privateKey) {}

  private TestCertificates(Path directory, String prefix) {
    this.directory = directory;
    this.prefix = prefix;
    caCertificate = directory.resolve(prefix + "ca.pem");
    serverCertificateChain = directory.resolve(prefix + "server-chain.pem");
    serverPrivateKey = directory.resolve(prefix + "server-key.pem");
    clientCertificateChain = directory.resolve(prefix + "client-chain.pem");
    clientPrivateKey = directory.resolve(prefix + "client-key.pem");
  }

  /**
   * Generates a fresh CA with server and client certificates into the directory; {@code prefix}
   * keeps several sets apart in one directory.
   */
  public static TestCertificates generate(Path directory, String prefix) {
    TestCertificates files = new TestCertificates(directory, prefix);
    try {
      KeyPair caKeys = newKeyPair();
      X500Name caName = new X500Name("CN=RouteGuide Test CA " + prefix);
      files.caKeys = caKeys;
      files.caName = caName;
      X509Certificate ca =
          sign(caName, caKeys, caName, caKeys, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
          });

      KeyPair serverKeys = newKeyPair();
      X509Certificate server =
          sign(new X500Name("CN=localhost"), serverKeys, caName, caKeys, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                    new GeneralName[] {
                      new GeneralName(GeneralName.dNSName, "localhost"),
                      new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                      new GeneralName(GeneralName.iPAddress, "::1"),
                    }));
          });

      KeyPair clientKeys = newKeyPair();
      X509Certificate client =
          sign(new X500Name("CN=routeguide-test-client"), clientKeys, caName, caKeys, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
          });

      files.ca = ca;
      write(files.caCertificate, pem("CERTIFICATE", ca.getEncoded()));
      write(
          files.serverCertificateChain,
          pem("CERTIFICATE", server.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
      write(files.serverPrivateKey, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
      write(
          files.clientCertificateChain,
          pem("CERTIFICATE", client.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
      write(files.clientPrivateKey, pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate test certificates", e);
    }
    return files;
  }

  /**
   * Issues another client certificate from this CA, with the given subject (such as {@code
   * CN=reader}), written next to the others.
   */
  public Client issueClient(String subject) {
    String stem = prefix + subject.replaceAll("[^A-Za-z0-9]+", "-");
    Client client =
        new Client(
            directory.resolve(stem + "-chain.pem"), directory.resolve(stem + "-key.pem"));
    try {
      KeyPair keys = newKeyPair();
      X509Certificate leaf =
          sign(new X500Name(subject), keys, caName, caKeys, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
          });
      write(
          client.certificateChain(),
          pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
      write(client.privateKey(), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue a client certificate for " + subject, e);
    }
    return client;
  }

  private interface Extensions {
    void addTo(X509v3CertificateBuilder builder) throws IOException;
  }

  private static X509Certificate sign(
      X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Extensions ext)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIALS.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            subjectKeys.getPublic());
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    ext.addTo(builder);
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
