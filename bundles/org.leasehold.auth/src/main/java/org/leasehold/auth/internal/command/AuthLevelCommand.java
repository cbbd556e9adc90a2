package org.leasehold.auth.internal.command;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.leasehold.auth.internal.AuthConfig;
import org.leasehold.auth.internal.AuthLevel;
import org.leasehold.auth.internal.AuthService;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code dhcp:auth-level [0|1|2]}: shows or changes the authentication level. A change takes effect on
 * the next packet and is stored in the configuration (PID {@value AuthConfig#PID}), so it outlives a
 * restart.
 */
@Service
@Command(scope = "dhcp", name = "auth-level", description = "Shows or sets the authentication level (0 unsupported, 1 mandatory, 2 optional)")
public class AuthLevelCommand implements Action {

    @Reference(optional = true)
    AuthService auth;

    @Reference
    ConfigurationAdmin configAdmin;

    @Argument(name = "level", description = "0 unsupported, 1 mandatory, 2 optional")
    Integer level;

    @Override
    public Object execute() throws IOException {
        if (auth == null) {
            System.out.println("Authentication is not configured (no PID " + AuthConfig.PID + ")");
            return null;
        }
        if (level != null) {
            AuthLevel l;
            try {
                l = AuthLevel.of(level);
            } catch (IllegalArgumentException e) {
                System.out.println(e.getMessage());
                return null;
            }
            auth.level(l);
            Configuration c = configAdmin.getConfiguration(AuthConfig.PID, null);
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            props.put("level", level);
            c.update(props);
        }
        System.out.println("authentication level " + auth.level());
        return null;
    }
}
