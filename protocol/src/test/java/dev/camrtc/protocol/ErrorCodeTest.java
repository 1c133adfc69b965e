package dev.camrtc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void wireNamesAreTheProtocolCodes() {
        assertEquals(List.of("bad_message", "unknown_type", "not_allowed", "unknown_sender", "unknown_receiver",
                "no_session", "forbidden", "rate_limited"), Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList());
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code, ErrorCode.fromWireName(code.wireName()));
        }
        assertNull(ErrorCode.fromWireName("BAD_MESSAGE"));
        assertNull(ErrorCode.fromWireName(null));
    }
}
