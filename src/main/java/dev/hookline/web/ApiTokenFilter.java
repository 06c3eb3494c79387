package dev.hookline.web;

import java.net.URI;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * With {@code hookline.api.token} set, closes every REST endpoint to callers without it, except the few that must stay
 * open: badges (meant for READMEs) and the sign-in form. The webhook (GitHub signs its deliveries instead), health and
 * metrics are not REST endpoints and never pass through here.
 * <p>
 * The decision is made on the resource class the request was matched to, not on its path, so no spelling of a path
 * slips past, and an endpoint added later is closed unless it is listed here.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiTokenFilter implements ContainerRequestFilter {

    private static final Set<Class<?>> OPEN = Set.of(BadgeResource.class, LoginResource.class);
    private static final String PROBLEM_JSON = "application/problem+json";
    /** The methods of {@link StatusPageResource} that a person opens, as opposed to the fragments its script fetches. */
    private static final Set<String> PAGES = Set.of("page", "run");

    @Inject
    ApiToken token;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> target = resource.getResourceClass();
        if (!token.required() || target == null || OPEN.contains(target)) {
            return;
        }
        if (token.acceptsBearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return;
        }
        // Only the page takes the cookie: the JSON API is for scripts, which send the header, and a cookie sent
        // along with a cross-site request is no proof of intent.
        boolean page = target == StatusPageResource.class;
        if (page) {
            Cookie session = request.getCookies().get(ApiToken.COOKIE);
            if (token.acceptsSession(session == null ? null : session.getValue())) {
                return;
            }
            // A person opening the page (or a run's page) is sent to the sign-in form; the pages' own live fetches
            // get a plain 401.
            if (HttpMethod.GET.equals(request.getMethod()) && resource.getResourceMethod() != null
                    && PAGES.contains(resource.getResourceMethod().getName())) {
                request.abortWith(Response.seeOther(URI.create("login")).build());
                return;
            }
        }
        request.abortWith(unauthorized(request.getHeaderString(HttpHeaders.AUTHORIZATION) != null));
    }

    private static Response unauthorized(boolean presented) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "urn:hookline:problem:unauthorized");
        body.put("title", "Unauthorized");
        body.put("status", 401);
        body.put("detail", presented
                ? "the Authorization header does not carry the token configured as hookline.api.token"
                : "this endpoint needs the API token: send 'Authorization: Bearer <hookline.api.token>'");
        // RFC 6750: say which scheme, and whether the token sent was the problem.
        String challenge = presented ? "Bearer realm=\"hookline\", error=\"invalid_token\"" : "Bearer realm=\"hookline\"";
        return Response.status(401).type(PROBLEM_JSON).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .entity(body.toString()).build();
    }
}
