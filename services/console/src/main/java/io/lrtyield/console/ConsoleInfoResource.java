package io.lrtyield.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the page needs to know about its own deployment before it draws: whether a devnet is there to drive. */
@Path("/api/console")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleInfoResource {

    /** @param devnet true when a devnet scenario API is configured (the scenarios panel is shown) */
    public record Info(boolean devnet) {
    }

    private final ConsoleConfig config;

    ConsoleInfoResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    public Info info() {
        return new Info(config.devnetUrl().filter(u -> !u.isBlank()).isPresent());
    }
}
