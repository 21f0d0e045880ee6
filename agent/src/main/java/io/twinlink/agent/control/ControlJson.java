package io.twinlink.agent.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON mapping both ends of the control socket use. */
public final class ControlJson {

    /**
     * Readers ignore fields they do not know: an older {@code twinlink show} keeps working
     * against a newer agent that reports more.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new WireJsonModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ControlJson() {
    }

    /** Thread-safe once configured, as Jackson documents for ObjectMapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
