package dev.hookline.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * {@code GET /}: the status page, rendered on the server so it reads without JavaScript; {@code GET /page/live}: the
 * part of it that changes, which the page's script fetches every second and swaps in.
 */
@Path("/")
public class StatusPageResource {

    // The page loads only its own script and stylesheet: whatever a branch name holds, nothing else runs.
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final StatusBoard board;

    StatusPageResource(StatusBoard board) {
        this.board = board;
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance page(StatusPageView view);

        static native TemplateInstance page$live(StatusPageView view);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return html(Templates.page(board.now()));
    }

    @GET
    @Path("page/live")
    @Produces(MediaType.TEXT_HTML)
    public Response live() {
        return html(Templates.page$live(board.now()));
    }

    static Response html(TemplateInstance template) {
        return Response.ok(template.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
