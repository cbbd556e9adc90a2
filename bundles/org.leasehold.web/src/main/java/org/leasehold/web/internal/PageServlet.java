package org.leasehold.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The status page: {@code PATH/} is the HTML, {@code PATH/page.js} and {@code PATH/page.css} its script and
 * style (bundle resources under {@code /web}), {@code PATH/status.json} its data, built per request.
 * Anything else is 404. GET only.
 */
final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FILES = Map.of("/index.html", "text/html; charset=utf-8",
            "/page.js", "text/javascript; charset=utf-8", "/page.css", "text/css; charset=utf-8");

    private final transient Supplier<String> status;

    PageServlet(Supplier<String> status) {
        this.status = status;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.isEmpty()) {
            // relative links in the page need the trailing slash
            resp.sendRedirect(req.getRequestURI() + "/");
            return;
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (path.equals("/status.json")) {
            send(resp, "application/json; charset=utf-8", status.get().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String type = FILES.get(path);
        if (type == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = PageServlet.class.getResourceAsStream("/web" + path)) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            send(resp, type, in.readAllBytes());
        }
    }

    private static void send(HttpServletResponse resp, String type, byte[] body) throws IOException {
        resp.setContentType(type);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
