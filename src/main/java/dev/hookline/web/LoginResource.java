package dev.hookline.web;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * {@code /login}: the status page's sign-in form, for when {@code hookline.api.token} is set. Posting the token sets a
 * session cookie holding an HMAC of it (HttpOnly, SameSite=Strict), never the token itself.
 */
@Path("/")
public class LoginResource {

    private final ApiToken token;

    LoginResource(ApiToken token) {
        this.token = token;
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance login(boolean wrong);
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        if (!token.required()) {
            return toPage();
        }
        return StatusPageResource.html(Templates.login(false));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("token") String presented, @Context UriInfo uri) {
        if (!token.required()) {
            return toPage();
        }
        if (!token.matches(presented == null ? null : presented.strip())) {
            Log.infof("Status page sign-in refused: wrong token");
            Response page = StatusPageResource.html(Templates.login(true));
            return Response.fromResponse(page).status(401).build();
        }
        return Response.seeOther(URI.create("./")).cookie(session(token.sessionValue(), uri, -1)).build();
    }

    @POST
    @Path("logout")
    public Response signOut(@Context UriInfo uri) {
        return Response.seeOther(URI.create("login")).cookie(session("", uri, 0)).build();
    }

    private static Response toPage() {
        return Response.seeOther(URI.create("./")).build();
    }

    /** The session cookie; {@code maxAge} -1 keeps it for the browser session, 0 deletes it. */
    private static NewCookie session(String value, UriInfo uri, int maxAge) {
        return new NewCookie.Builder(ApiToken.COOKIE).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure("https".equalsIgnoreCase(uri.getRequestUri().getScheme())).sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
