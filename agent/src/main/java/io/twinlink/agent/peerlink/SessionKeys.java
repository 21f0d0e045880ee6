package io.twinlink.agent.peerlink;

/**
 * The two keys of one authenticated session, derived from the secret and both handshake
 * nonces: fresh per connection, so frames recorded on an earlier connection are worthless on
 * this one, and one per direction, so a frame reflected back to its sender does not verify.
 */
record SessionKeys(byte[] send, byte[] receive) {

    static SessionKeys derive(SharedSecret secret, byte[] clientNonce, byte[] serverNonce, boolean client) {
        byte[] session = secret.derive("twinlink peer-link session v1", clientNonce, serverNonce);
        HmacSha256 h = new HmacSha256(session);
        byte[] clientToServer = h.mac("client to server".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] serverToClient = h.mac("server to client".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return client ? new SessionKeys(clientToServer, serverToClient) : new SessionKeys(serverToClient, clientToServer);
    }
}
