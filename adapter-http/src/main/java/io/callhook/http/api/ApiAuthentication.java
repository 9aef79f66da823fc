package io.callhook.http.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Puts {@link ApiTokenFilter} in front of every resource method under {@value #API_ROOT}, decided once per method when
 * Jersey starts. Resources are protected by where they live, not by remembering an annotation.
 */
public final class ApiAuthentication implements DynamicFeature {

    /** Everything under this path needs the API token. */
    public static final String API_ROOT = "/api";

    private final ApiTokenFilter filter;

    public ApiAuthentication(ApiTokenFilter filter) {
        this.filter = filter;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Path path = resourceInfo.getResourceClass().getAnnotation(Path.class);
        if (path != null && isUnderApiRoot(path.value())) {
            context.register(filter, Priorities.AUTHENTICATION);
        }
    }

    /**
     * The same token check for {@code OPTIONS} under {@value #API_ROOT}: Jersey answers those itself (with an
     * {@code Allow} header listing the methods) from methods no {@link DynamicFeature} sees, so the check runs before
     * matching. CORS preflights from configured origins never get here: {@link CorsFilter} answers them first.
     */
    @PreMatching
    @Priority(Priorities.AUTHENTICATION)
    public static final class OptionsRequests implements ContainerRequestFilter {
        private final ApiTokenFilter filter;

        public OptionsRequests(ApiTokenFilter filter) {
            this.filter = filter;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (HttpMethod.OPTIONS.equals(request.getMethod())
                    && isUnderApiRoot(request.getUriInfo().getPath(false))) {
                filter.filter(request);
            }
        }
    }

    static boolean isUnderApiRoot(String path) {
        String normalised = "/" + path.replaceAll("^/+", "");
        return normalised.equals(API_ROOT) || normalised.startsWith(API_ROOT + "/");
    }
}
