package io.callhook.cli.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs webhook bodies to a callhook server the way Retell does: {@code Content-Type: application/json}, the exact body
 * bytes, and the {@code x-retell-signature} header. One instance can be shared by many posts (and threads).
 */
public final class WebhookPoster {

    /** The header Retell signs with. */
    public static final String SIGNATURE_HEADER = "x-retell-signature";
    /** Retell's own delivery timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;

    /** The server's answer. */
    public record Response(int status, String body) {
        public Response {
            Objects.requireNonNull(body, "body");
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        public boolean isServerError() {
            return status >= 500 && status < 600;
        }
    }

    /** With a new HTTP/1.1 client whose connect timeout is {@code timeout}. */
    public WebhookPoster(URI url, Duration timeout) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), url, timeout);
    }

    public WebhookPoster(HttpClient client, URI url, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        requireHttpUrl(url);
    }

    /** @throws IllegalArgumentException when {@code url} is not an http(s) URL with a host */
    public static URI requireHttpUrl(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        return url;
    }

    public URI url() {
        return url;
    }

    /**
     * Sends one delivery and waits for the answer.
     *
     * @param body            exact body bytes
     * @param signatureHeader {@code x-retell-signature} value, or {@code null} to send unsigned
     * @throws WebhookUnreachableException when no HTTP answer came (refused, unknown host, timeout, connection lost)
     */
    public Response post(byte[] body, String signatureHeader) throws WebhookUnreachableException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signatureHeader != null) {
            request.header(SIGNATURE_HEADER, signatureHeader);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body() == null ? "" : response.body());
        } catch (IOException e) {
            throw new WebhookUnreachableException("could not reach " + url + ": " + reason(e), e);
        }
    }

    private String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + url.getHost();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "connection failed" : message;
    }
}
