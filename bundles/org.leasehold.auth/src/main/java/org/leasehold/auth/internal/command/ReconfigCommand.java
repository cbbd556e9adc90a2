package org.leasehold.auth.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.auth.internal.Reconfigurer;

/**
 * {@code dhcp:reconfig [--subnet CIDR] [--pool NAME] [--mac MAC] [--background] [--status]}: sends an
 * authenticated DHCPFORCERENEW to every client with an active lease (or those matching the filters)
 * and prints progress (sent / renewed / no answer) every second until the run ends; with
 * {@code --background} it returns at once, {@code --status} shows the current or last run.
 */
@Service
@Command(scope = "dhcp", name = "reconfig", description = "Sends FORCERENEW (RFC 3203) to clients with active leases")
public class ReconfigCommand implements Action {

    @Reference(optional = true)
    Reconfigurer reconfigurer;

    @Option(name = "--subnet", description = "Only leases of this subnet (CIDR, e.g. 198.18.0.0/16)")
    String subnet;

    @Option(name = "--pool", description = "Only leases of this pool (its name)")
    String pool;

    @Option(name = "--mac", description = "Only the client with this hardware address")
    String mac;

    @Option(name = "--background", description = "Start the run and return")
    boolean background;

    @Option(name = "--status", description = "Show the current or last run")
    boolean status;

    @Override
    public Object execute() throws Exception {
        if (reconfigurer == null) {
            System.out.println("Reconfiguration needs the authentication configuration (PID org.leasehold.auth)");
            return null;
        }
        if (status) {
            System.out.println(reconfigurer.current().map(r -> (r.finished() ? "finished: " : "running: ") + r.progress())
                    .orElse("no reconfiguration run yet"));
            return null;
        }
        HardwareAddress hw = mac == null ? null : HardwareAddress.parse(mac);
        List<String> skipped = new ArrayList<>();
        Optional<org.leasehold.auth.internal.ReconfigRun> run =
                reconfigurer.start(new Reconfigurer.Filter(subnet, pool, hw), skipped);
        skipped.forEach(System.out::println);
        if (run.isEmpty()) {
            System.out.println("a reconfiguration is still running: " + reconfigurer.current().orElseThrow().progress());
            return null;
        }
        if (!background) {
            while (true) {
                try {
                    run.get().done().get(1, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    System.out.println("running: " + run.get().progress());
                    System.out.flush();
                }
            }
        }
        System.out.println((run.get().finished() ? "finished: " : "started: ") + run.get().progress());
        return null;
    }
}
