package org.leasehold.auth.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.auth.internal.AuthConfig;
import org.leasehold.auth.internal.AuthService;

/**
 * {@code dhcp:auth-keys [--reload]}: how many keys are loaded and from where; {@code --reload} reads
 * {@code dhcpkey.conf} again (a broken file keeps the keys in force and prints its errors).
 */
@Service
@Command(scope = "dhcp", name = "auth-keys", description = "Shows or reloads the dhcpkey.conf keys")
public class AuthKeysCommand implements Action {

    @Reference(optional = true)
    AuthService auth;

    @Option(name = "--reload", description = "Read dhcpkey.conf again")
    boolean reload;

    @Override
    public Object execute() {
        if (auth == null) {
            System.out.println("Authentication is not configured (no PID " + AuthConfig.PID + ")");
            return null;
        }
        if (reload) {
            List<String> errors = auth.reloadKeys();
            errors.forEach(System.out::println);
            if (!errors.isEmpty()) {
                System.out.println("keys unchanged");
            }
        }
        System.out.println(auth.keys().size() + " key(s) from " + auth.keys().source());
        return null;
    }
}
