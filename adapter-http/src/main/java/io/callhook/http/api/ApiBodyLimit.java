package io.callhook.http.api;

import io.callhook.http.errors.ErrorResponses;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds request bodies under {@value ApiAuthentication#API_ROOT}: a declared {@code Content-Length} over the limit is
 * answered 413 before a byte is read, and a body without a declared length is cut off with 413 as soon as byte
 * {@code limit + 1} arrives. Runs after authentication, so an unauthenticated caller is refused without reading.
 */
public final class ApiBodyLimit implements DynamicFeature {

    private final Filter filter;

    public ApiBodyLimit(int limit) {
        this.filter = new Filter(limit);
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        jakarta.ws.rs.Path path = resourceInfo.getResourceClass().getAnnotation(jakarta.ws.rs.Path.class);
        if (path != null && ApiAuthentication.isUnderApiRoot(path.value())) {
            context.register(filter, Priorities.ENTITY_CODER);
        }
    }

    private static WebApplicationException tooLarge(long limit) {
        return new WebApplicationException(ErrorResponses.error(413, "payload_too_large",
                "The request body is larger than " + limit + " bytes."));
    }

    static final class Filter implements ContainerRequestFilter {
        private final int limit;

        Filter(int limit) {
            this.limit = limit;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getLength() > limit) {
                request.abortWith(tooLarge(limit).getResponse());
                return;
            }
            if (request.hasEntity()) {
                request.setEntityStream(new Bounded(request.getEntityStream(), limit));
            }
        }
    }

    /** Passes at most {@code limit} bytes through; reading more throws the 413 answer. */
    static final class Bounded extends FilterInputStream {
        private final long limit;
        private long count;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
