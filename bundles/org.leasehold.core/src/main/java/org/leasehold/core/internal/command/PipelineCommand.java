package org.leasehold.core.internal.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.leasehold.core.internal.pipeline.PipelineRunner;
import org.leasehold.core.internal.pipeline.PipelineRunner.HandlerInfo;

/** {@code dhcp:pipeline}: the handlers bound at each hook point, in run order, with their counters. */
@Service
@Command(scope = "dhcp", name = "pipeline", description = "Lists pipeline handlers per hook point with call/error counters")
public class PipelineCommand implements Action {

    @Reference
    PipelineRunner runner;

    @Option(name = "--json", description = "Print JSON for scripts")
    boolean json;

    @Override
    public Object execute() {
        List<HandlerInfo> rows = runner.handlers();
        if (json) {
            System.out.println(toJson(runner));
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Hook", "Order", "Handler", "OnError", "Calls", "Errors", "Avg µs"}) {
            table.column(c);
        }
        for (HandlerInfo h : rows) {
            table.addRow().addContent(h.hook(), h.order(), h.name(), h.onError().name().toLowerCase(), h.calls(),
                    h.errors(), h.calls() == 0 ? "-" : String.format("%.1f", h.nanos() / 1000.0 / h.calls()));
        }
        table.print(System.out);
        System.out.printf("parked %d/%d, dropped over bound %d%n", runner.parkedNow(), runner.maxParked(),
                runner.parkRejected());
        return null;
    }

    /** One JSON object: every handler in run order with its counters, then the park state. */
    public static String toJson(PipelineRunner runner) {
        List<HandlerInfo> rows = runner.handlers();
        StringBuilder sb = new StringBuilder("{\"handlers\":[");
        for (int i = 0; i < rows.size(); i++) {
            HandlerInfo h = rows.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"hook\":\"").append(h.hook()).append("\",\"order\":")
                    .append(h.order()).append(",\"name\":\"").append(escape(h.name())).append("\",\"onError\":\"")
                    .append(h.onError().name().toLowerCase()).append("\",\"calls\":").append(h.calls())
                    .append(",\"errors\":").append(h.errors()).append(",\"nanos\":").append(h.nanos()).append('}');
        }
        return sb.append("],\"parked\":").append(runner.parkedNow()).append(",\"maxParked\":")
                .append(runner.maxParked()).append(",\"parkRejected\":").append(runner.parkRejected())
                .append('}').toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
