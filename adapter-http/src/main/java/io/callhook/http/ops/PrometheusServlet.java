package io.callhook.http.ops;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.ByteArrayOutputStream;

/**
 * The Dropwizard metrics in Prometheus text format (version 0.0.4), for the admin port. Metric names have dots
 * replaced by underscores (meters become {@code _total} counters, timers summaries in seconds); the per-event and
 * per-reason webhook metrics become one family with a label (see {@link LabelledWebhookMetrics}). Each instance has
 * its own Prometheus registry (no global state), built once.
 */
public final class PrometheusServlet extends HttpServlet {

    /** Where the servlet is mounted on the admin port. */
    public static final String PATH = "/prometheus";

    private final transient PrometheusRegistry registry = new PrometheusRegistry();
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public PrometheusServlet(MetricRegistry metrics) {
        DropwizardExports.builder()
                .dropwizardRegistry(metrics)
                .metricFilter((name, metric) -> !LabelledWebhookMetrics.handles(name))
                .register(registry);
        registry.register(new LabelledWebhookMetrics(metrics));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // rendered fully before anything is sent, so a failing scrape is a 500, never a truncated 200
        ByteArrayOutputStream text = new ByteArrayOutputStream(32 * 1024);
        writer.write(text, registry.scrape());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
        response.setContentLength(text.size());
        text.writeTo(response.getOutputStream());
    }
}
