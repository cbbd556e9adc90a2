package org.leasehold.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One {@link ManagerClient} session run from the command line, for a test whose server listens where
 * the test's own JVM cannot reach: inside a network namespace ({@code ip netns exec NS java -cp
 * THIS_JAR org.leasehold.testing.ManagerScript ...}). Not thread-safe; one session per run.
 *
 * <p>Arguments: {@code HOST PORT tls|plain CERT SECRET}: {@code tls} sends the SSL byte 'S' and, when
 * the server answers 'S', trusts only the certificate in file {@code CERT} (PEM or DER, e.g. from
 * {@code keytool -exportcert}; {@code -} for none). Standard input: commands, one a line, sent in
 * order after the login with {@code SECRET}. Standard output, a line each: {@code negotiated X} (the
 * server's byte, {@code -1} when it closed), {@code tls true|false}, {@code hello TEXT}, then for the
 * login and each command {@code reply STATUS} followed by its lines indented by two spaces. When the
 * server refused ('R') or the login failed, the commands are not sent and a last line {@code closed
 * true|false} says whether the server then closed the connection. Exit code 0 unless the session
 * broke (an I/O error: the message on standard error, exit code 2).
 */
public final class ManagerScript {

    private ManagerScript() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ManagerScript HOST PORT tls|plain CERT|- SECRET < commands");
            System.exit(64);
        }
        List<String> commands = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.isBlank()).forEach(commands::add);
        }
        boolean tls = args[2].equals("tls");
        try {
            run(new InetSocketAddress(args[0], Integer.parseInt(args[1])), tls,
                    tls && !args[3].equals("-") ? trusting(Path.of(args[3])) : null, args[4], commands, System.out);
        } catch (IOException e) {
            System.out.flush();
            System.err.println("session broke: " + e);
            System.exit(2);
        }
    }

    /** An SSL context that trusts exactly the certificate in {@code cert}. */
    public static SSLContext trusting(Path cert) throws IOException {
        try (InputStream in = Files.newInputStream(cert)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("manager", c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + cert + ": " + e.getMessage(), e);
        }
    }

    static void run(InetSocketAddress at, boolean tls, SSLContext trust, String secret, List<String> commands,
            PrintStream out) throws IOException {
        try (ManagerClient c = ManagerClient.connect(at, tls, trust)) {
            out.println("negotiated " + (c.negotiated() < 0 ? "-1" : Character.toString(c.negotiated())));
            out.println("tls " + c.overTls());
            if (c.hello() == null) {
                out.println("closed " + c.closedByServer());
                return;
            }
            out.println("hello " + c.hello());
            ManagerClient.Reply login = c.auth(secret);
            print(login, out);
            if (!login.ok()) {
                out.println("closed " + c.closedByServer());
                return;
            }
            for (String command : commands) {
                print(c.call(command), out);
            }
        }
    }

    private static void print(ManagerClient.Reply r, PrintStream out) {
        out.println("reply " + r.status());
        r.lines().forEach(l -> out.println("  " + l));
        out.flush();
    }
}
