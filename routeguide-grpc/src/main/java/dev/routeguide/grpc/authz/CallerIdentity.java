package dev.routeguide.grpc.authz;

import io.grpc.Grpc;
import io.grpc.ServerCall;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Who is calling: the subject of the client's TLS certificate, or {@value #ANONYMOUS}. */
final class CallerIdentity {

  /** The identity of a caller without a client certificate (plaintext, or TLS without one). */
  static final String ANONYMOUS = "anonymous";

  private CallerIdentity() {}

  /**
   * The subject distinguished name of the caller's certificate in RFC 2253 form, such as {@code
   * CN=reader,O=Example}, or {@value #ANONYMOUS}.
   */
  static String of(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return ANONYMOUS;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
        return leaf.getSubjectX500Principal().getName();
      }
      return ANONYMOUS;
    } catch (SSLPeerUnverifiedException e) {
      return ANONYMOUS;
    }
  }
}
