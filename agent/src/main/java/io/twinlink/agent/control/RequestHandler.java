package io.twinlink.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The control protocol: one JSON request line in, one JSON response line out.
 *
 * <pre>
 *  {"command":"show","what":"lacp"}   ->  {"ok":true,"data":{...}}
 *                                     or  {"ok":false,"error":"..."}
 * </pre>
 *
 * State comes from the {@link StateProvider} only, waited for with a deadline.
 */
final class RequestHandler {

    private final ObjectMapper json = ControlJson.mapper();
    private final StateProvider provider;
    private final Duration answerTimeout;

    RequestHandler(StateProvider provider, Duration answerTimeout) {
        this.provider = provider;
        this.answerTimeout = answerTimeout;
    }

    /** Never throws: every failure becomes an {@code ok:false} line. */
    String answer(String line) {
        try {
            return json.writeValueAsString(respond(line));
        } catch (JsonProcessingException e) {
            return "{\"ok\":false,\"error\":\"cannot encode the answer\"}";
        }
    }

    private ObjectNode respond(String line) {
        JsonNode request;
        try {
            request = json.readTree(line);
        } catch (JsonProcessingException e) {
            return error("bad request: not JSON");
        }
        if (request == null || !request.isObject()) {
            return error("bad request: expected a JSON object");
        }
        String command = request.path("command").asText("");
        if (!command.equals("show")) {
            return error(command.isEmpty() ? "bad request: no \"command\"" : "unknown command \"" + command + "\"");
        }
        String what = request.path("what").asText("");
        return switch (what) {
            case "lacp" -> fetch("lacp", provider::lacp);
            case "ports" -> fetch("ports", provider::ports);
            case "stp" -> fetch("stp", provider::stp);
            case "mlag" -> fetch("mlag", provider::mlag);
            default -> error("show what? \"" + what + "\" is not one of lacp, ports, stp, mlag");
        };
    }

    private ObjectNode fetch(String what, Supplier<? extends CompletionStage<?>> query) {
        Object snapshot;
        try {
            snapshot = query.get().toCompletableFuture().get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return error("the agent's event loop did not answer within " + answerTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotRunningException notRunning) {
                return error(notRunning.getMessage());
            }
            return error("cannot read " + what + " state: " + reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("interrupted");
        } catch (RuntimeException e) { // a provider that throws instead of failing its stage
            return error("cannot read " + what + " state: " + reason(e));
        }
        ObjectNode ok = json.createObjectNode().put("ok", true);
        ok.set("data", json.valueToTree(snapshot));
        return ok;
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("ok", false).put("error", message);
    }

    private static String reason(Throwable t) {
        String m = t == null ? null : t.getMessage();
        return m == null || m.isBlank() ? (t == null ? "unknown" : t.getClass().getSimpleName()) : m.replace('\n', ' ');
    }
}
