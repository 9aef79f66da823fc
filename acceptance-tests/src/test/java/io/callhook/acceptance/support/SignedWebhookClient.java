package io.callhook.acceptance.support;

import io.callhook.core.retell.RetellSigner;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Instant;

/**
 * Posts webhook bodies to {@code POST /webhooks/retell} as Retell does: the exact bytes, {@code Content-Type:
 * application/json} and an {@code x-retell-signature} made with the API key over those bytes and the send time.
 *
 * <p>The recorded fixtures carry timestamps from September 2026 while the server checks signatures against its real
 * clock, so {@link #post(byte[])} signs with {@link Instant#now()}, which is what Retell does when it sends.
 */
public final class SignedWebhookClient {

    public static final String PATH = "/webhooks/retell";
    public static final String SIGNATURE_HEADER = "x-retell-signature";

    private final String uri;
    private final RetellSigner signer;
    private final Runnable awaitApplied;

    /**
     * @param awaitApplied waits until the server has applied what it acknowledged: webhooks are applied behind their
     *                     answer, and a test reads what a webhook did only after it
     */
    public SignedWebhookClient(String baseUri, String apiKey, Runnable awaitApplied) {
        this.uri = baseUri + PATH;
        this.signer = new RetellSigner(apiKey);
        this.awaitApplied = awaitApplied;
    }

    /** Signs {@code body} as sent now and posts it. */
    public Answer post(byte[] body) {
        return post(body, Instant.now());
    }

    /** Signs {@code body} as sent at {@code sentAt} and posts it. */
    public Answer post(byte[] body, Instant sentAt) {
        return postWithSignature(body, signature(body, sentAt));
    }

    /** The signature header value for {@code body} sent at {@code sentAt}. */
    public String signature(byte[] body, Instant sentAt) {
        return signer.sign(body, sentAt);
    }

    /**
     * Signs {@code body} as sent now and posts it without announcing its length ({@code Transfer-Encoding: chunked}),
     * so the server only learns the size by reading.
     */
    public Answer postChunked(byte[] body) {
        return applied(Http.send(Http.request(uri)
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature(body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build()));
    }

    /** Posts {@code body} with exactly this signature header ({@code null}: no header at all). */
    public Answer postWithSignature(byte[] body, String signature) {
        HttpRequest.Builder request = Http.request(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(SIGNATURE_HEADER, signature);
        }
        return applied(Http.send(request.build()));
    }

    /** The answer, once an acknowledged delivery has been applied (with whatever else was pending). */
    private Answer applied(Answer answer) {
        if (answer.status() / 100 == 2) {
            awaitApplied.run();
        }
        return answer;
    }
}
