package org.leasehold.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.servlet.ServletException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.osgi.service.http.NamespaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the metrics endpoint and the status page on Karaf's HTTP service (whose address and port are
 * {@code etc/org.ops4j.pax.web.cfg}'s: loopback in the distribution). A changed configuration re-activates
 * the component on the new paths. A path already taken is logged and left out; the other still serves.
 */
@Component(immediate = true, configurationPid = WebConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class WebComponent {

    private static final Logger LOG = LoggerFactory.getLogger(WebComponent.class);
    /** Bundles that are the server itself, not capabilities. */
    private static final Set<String> NOT_CAPABILITIES = Set.of("org.leasehold.api", "org.leasehold.core",
            "org.leasehold.web");

    private final HttpService http;
    private final List<String> registered = new ArrayList<>();

    @Activate
    public WebComponent(WebConfig config, BundleContext context, @Reference HttpService http,
            @Reference MetricsCollector collector) {
        this.http = http;
        int refresh = Math.max(1, config.pageRefreshSeconds());
        register(config.metricsPath(), new MetricsServlet(collector));
        register(config.pagePath(), new PageServlet(() -> StatusJson.render(collector.scrape(),
                capabilities(context), System.currentTimeMillis(), refresh)));
    }

    private void register(String alias, javax.servlet.Servlet servlet) {
        try {
            http.registerServlet(alias, servlet, null, null);
            registered.add(alias);
            LOG.info("Leasehold web: {} served", alias);
        } catch (ServletException | NamespaceException | IllegalArgumentException e) {
            LOG.error("Leasehold web: {} not served: {}", alias, String.valueOf(e));
        }
    }

    /** Leasehold bundles other than the server itself, by name: the capabilities installed. */
    static List<StatusJson.Capability> capabilities(BundleContext context) {
        List<StatusJson.Capability> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String name = b.getSymbolicName();
            if (name != null && name.startsWith("org.leasehold.") && !NOT_CAPABILITIES.contains(name)) {
                out.add(new StatusJson.Capability(name, b.getVersion().toString(), state(b.getState())));
            }
        }
        out.sort(Comparator.comparing(StatusJson.Capability::name));
        return out;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.INSTALLED -> "installed";
            default -> Integer.toString(state).toLowerCase(Locale.ROOT);
        };
    }

    @Deactivate
    void deactivate() {
        for (String alias : registered) {
            try {
                http.unregister(alias);
            } catch (IllegalArgumentException alreadyGone) {
                // the HTTP service went first
            }
        }
    }
}
