package dev.hookline.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * {@code GET /}: the status page, rendered on the server so it reads without JavaScript; {@code GET /page/live}: the
 * part of it that changes, which the page's script fetches every second and swaps in. {@code GET
 * /runs/{namespace}/{name}}: one run with its task table (and its failed step's last log lines, when on), and its
 * {@code live} part likewise, the table only.
 * <p>
 * The task table has a page of its own rather than a row under each run: it costs a read of the cluster per run, which
 * the main page, refreshed every second for 50 runs, cannot afford.
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

        static native TemplateInstance run(RunPageView view);

        static native TemplateInstance run$live(RunPageView view);
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

    @GET
    @Path("runs/{namespace}/{name}")
    @Produces(MediaType.TEXT_HTML)
    public Response run(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        RunPageView view = board.run(namespace, name, true);
        return html(Templates.run(view), view.run() == null ? 404 : 200);
    }

    @GET
    @Path("runs/{namespace}/{name}/live")
    @Produces(MediaType.TEXT_HTML)
    public Response runLive(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        // The log of a failed run does not change; reading it on every refresh would cost a log read each 5 s.
        RunPageView view = board.run(namespace, name, false);
        return html(Templates.run$live(view), view.run() == null ? 404 : 200);
    }

    static Response html(TemplateInstance template) {
        return html(template, 200);
    }

    private static Response html(TemplateInstance template, int status) {
        return Response.status(status).entity(template.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
