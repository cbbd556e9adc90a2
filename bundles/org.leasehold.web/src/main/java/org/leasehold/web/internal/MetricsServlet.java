package org.leasehold.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The scrape endpoint: every source collected on the request's thread, as OpenMetrics when the
 * {@code Accept} header asks for it (Prometheus does), else as the Prometheus text format. GET only.
 */
final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient MetricsCollector collector;

    MetricsServlet(MetricsCollector collector) {
        this.collector = collector;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean om = ExpositionWriter.wantsOpenMetrics(req.getHeader("Accept"));
        byte[] body = ExpositionWriter.render(collector.scrape().families(), om).getBytes(StandardCharsets.UTF_8);
        resp.setContentType(om ? ExpositionWriter.OPENMETRICS : ExpositionWriter.PROMETHEUS_TEXT);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
