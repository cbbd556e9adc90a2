package org.leasehold.itests.paxexam;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.leasehold.api.ServerInfo;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Base class of the Pax Exam tests: boots the real {@code leasehold} distribution (the tar.gz the
 * build just made, with its boot features), on free ports, offline against the build's local Maven
 * repository, and offers console commands and service waits. Modeled on Karaf's KarafTestSupport.
 */
public abstract class LeaseholdTestSupport {

    protected static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected FeaturesService featuresService;

    /** The container options every Leasehold test starts from; subclasses add their own. */
    protected Option[] baseConfiguration() {
        String assembly = new File(System.getProperty("leasehold.assembly")).toURI().toString();
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String karafVersion = System.getProperty("karaf.version", "4.4.10");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(assembly).karafVersion(karafVersion).name("leasehold")
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.leasehold.core.cfg", "port", Integer.toString(freeUdpPort())),
                systemProperty("leasehold.itest").value("true"),
                // Pax Exam starts Karaf without bin/karaf's JDK 9+ module flags.
                vmOptions("--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                        "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar")));
        return options.toArray(new Option[0]);
    }

    /** {@link #executeCommand}, or "" when the command is not there (yet). */
    protected String command(String c) {
        try {
            return executeCommand(c);
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * Waits for {@code condition} up to {@link #SERVICE_TIMEOUT}, waking on each element put in
     * {@code arrivals} (what the test receives) or after 200 ms to look at the console again.
     *
     * @param detail what the failure message shows besides {@code dhcp:status}
     */
    protected void awaitArrivals(String what, BooleanSupplier condition, BlockingQueue<?> arrivals,
            Supplier<String> detail) throws InterruptedException {
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            arrivals.poll(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("timed out waiting for " + what + detail.get() + "; status:\n" + command("dhcp:status"));
    }

    /** Runs a console command as an admin and returns what it printed. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Session session = sessionFactory.create(System.in, print, print);
            Subject admin = new Subject();
            admin.getPrincipals().add(new RolePrincipal("admin"));
            admin.getPrincipals().add(new RolePrincipal("manager"));
            admin.getPrincipals().add(new RolePrincipal("viewer"));
            Object result = Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
            if (result != null) {
                print.println(result);
            }
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Waits (bounded) for a service to be registered and returns it. */
    protected <T> T awaitService(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(SERVICE_TIMEOUT.toMillis());
            if (service == null) {
                throw new AssertionError("No " + type.getName() + " service within " + SERVICE_TIMEOUT);
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static int freeUdpPort() {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DHCP server's UDP port, from {@code ServerInfo}'s {@code listen} line. */
    protected int serverPort() throws InterruptedException {
        String listen = awaitService(ServerInfo.class).status().get("listen");
        assertNotNull(listen);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" port (\\d+)").matcher(listen);
        assertTrue(listen, m.find());
        return Integer.parseInt(m.group(1));
    }

    /** The installed bundle named {@code symbolicName}. */
    protected Bundle bundle(String symbolicName) {
        return Arrays.stream(bundleContext.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst().orElseThrow();
    }
}
