package io.twinlink.agent.peerlink;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Optional TLS under the peer-link's own authentication, from PEM files: this node's
 * certificate chain and PKCS#8 private key, and the certificates it trusts for its peer (the
 * peer's own, or the CA that signed both). Both sides present a certificate (the server
 * requires one). Host names are not checked: peers are addressed by IP and the trust store
 * holds only the pair's own certificates, and the HMAC handshake inside still proves the
 * shared secret. TLS 1.3 only.
 */
public record PeerLinkTls(Path certificateChain, Path privateKey, Path trustedCertificates) {

    private static final String TLS_1_3 = "TLSv1.3";

    public PeerLinkTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
    }

    SslContext serverContext() throws IOException {
        check();
        return build(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())
                .clientAuth(ClientAuth.REQUIRE));
    }

    SslContext clientContext() throws IOException {
        check();
        return build(SslContextBuilder.forClient().keyManager(certificateChain.toFile(), privateKey.toFile())
                .endpointIdentificationAlgorithm(null));
    }

    private SslContext build(SslContextBuilder builder) throws IOException {
        try {
            return builder.trustManager(trustedCertificates.toFile()).protocols(TLS_1_3).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("peer-link TLS: " + e.getMessage(), e);
        }
    }

    private void check() throws IOException {
        for (Path p : new Path[] {certificateChain, privateKey, trustedCertificates}) {
            if (!Files.isReadable(p)) {
                throw new IOException("peer-link TLS: cannot read " + p);
            }
        }
    }
}
