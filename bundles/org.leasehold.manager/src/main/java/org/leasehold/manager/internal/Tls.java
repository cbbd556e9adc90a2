package org.leasehold.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Loads the configured keystore into a server {@link SSLContext} (TLS 1.2 and 1.3). Stateless. */
final class Tls {

    private Tls() {
    }

    /** The context, or null when no keystore is configured. */
    static SSLContext context(ManagerSettings s) throws IOException {
        if (s.keystore().isBlank()) {
            return null;
        }
        Path file = Path.of(s.keystore());
        char[] password = s.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(s.keystoreType());
            store.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(ManagerSettings.PID + ": keystore " + file + " cannot be used: " + e.getMessage(), e);
        }
    }
}
