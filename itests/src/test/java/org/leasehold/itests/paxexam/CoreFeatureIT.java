package org.leasehold.itests.paxexam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.leasehold.api.ServerInfo;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** The boot feature in the real distribution: core active, server registered, console answering. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreFeatureIT extends LeaseholdTestSupport {

    @Configuration
    public Option[] config() {
        return baseConfiguration();
    }

    @Test
    public void coreBundleIsActiveAndServerAnswersOnTheConsole() throws Exception {
        assertTrue(featuresService.isInstalled(featuresService.getFeature("leasehold-core")));
        Bundle core = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.leasehold.core".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, core.getState());

        ServerInfo server = awaitService(ServerInfo.class);
        String listen = server.status().get("listen");
        assertTrue(listen, listen.startsWith("127.0.0.1 port "));

        String status = executeCommand("dhcp:status");
        assertTrue(status, status.contains("listen") && status.contains("127.0.0.1"));
    }
}
