package dev.hookline.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.hookline.webhook.Delivery;
import dev.hookline.webhook.DeliveryLog;

/** {@code GET /api/deliveries}: the recent deliveries, newest first: those recorded in the cluster, then this replica's own. */
@Path("/api/deliveries")
public class DeliveriesResource {

    private final DeliveryLog log;

    DeliveriesResource(DeliveryLog log) {
        this.log = log;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Delivery> recent() {
        return log.all();
    }
}
