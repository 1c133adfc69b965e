package dev.camrtc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md 8: the depth stream's {@code transport} and {@code depth_units} in stream descriptions. */
class StreamDescriptionTest {

    @Test
    void sectionEightExampleDecodesToADataChannelStream() throws Exception {
        String json = "{\"type\":\"announce\",\"streams\":[" + ProtocolExamplesTest.DEPTH_Z16 + "]}";
        MessageCodec.Decoded.Ok ok = assertInstanceOf(MessageCodec.Decoded.Ok.class, MessageCodec.decode(json, Role.SENDER));
        StreamDescription depth = ((Announce) ok.message()).streams().get(0);
        assertEquals(StreamDescription.depthDataChannel("depth_z16", 640, 480, 30, 0.001), depth);
        assertEquals("datachannel", depth.transport());
        assertEquals(0.001, depth.depthUnits());
        assertEquals("16UC1", depth.encoding());
        assertTrue(depth.isDataChannel());
        assertFalse(depth.isVideo());
        // encodes back to exactly the example's fields
        assertEquals(new ObjectMapper().readTree(ProtocolExamplesTest.DEPTH_Z16),
                MessageCodec.toTree(new Announce(null, List.of(depth), null)).get("streams").get(0));
    }

    @Test
    void aStreamWithoutTransportIsVideoAndEncodesWithoutTheNewFields() {
        StreamDescription color = new StreamDescription("color", 640, 480, 30, "bgr8");
        assertTrue(color.isVideo());
        assertFalse(color.isDataChannel());
        assertNull(color.transport());
        assertNull(color.depthUnits());
        String json = MessageCodec.encode(new Announce(null, List.of(color), null));
        assertFalse(json.contains("transport") || json.contains("depth_units") || json.contains("video")
                || json.contains("data_channel"), json);
    }

    @Test
    void anUnknownTransportIsNeitherVideoNorDataChannelButStillDecodes() {
        String json = "{\"type\":\"announce\",\"streams\":[{\"name\":\"x\",\"transport\":\"quic\"}]}";
        MessageCodec.Decoded.Ok ok = assertInstanceOf(MessageCodec.Decoded.Ok.class, MessageCodec.decode(json, Role.SENDER));
        StreamDescription x = ((Announce) ok.message()).streams().get(0);
        assertFalse(x.isVideo());
        assertFalse(x.isDataChannel());
    }

    @Test
    void withIntrinsicsKeepsTransportAndDepthUnits() {
        Intrinsics in = new Intrinsics(385.5, 385.5, 320.25, 239.75, "brown_conrady", List.of(0.0, 0.0, 0.0, 0.0, 0.0));
        StreamDescription depth = StreamDescription.depthDataChannel("depth_z16", 640, 480, 30, 0.001).withIntrinsics(in);
        assertEquals(in, depth.intrinsics());
        assertTrue(depth.isDataChannel());
        assertEquals(0.001, depth.depthUnits());
        MessageCodec.Decoded.Ok ok = assertInstanceOf(MessageCodec.Decoded.Ok.class,
                MessageCodec.decode(MessageCodec.encode(new Announce(null, List.of(depth), null)), Role.SENDER));
        assertEquals(depth, ((Announce) ok.message()).streams().get(0));
    }

    @Test
    void depthUnitsMustBePositive() {
        for (double bad : new double[] {0, -0.001, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> StreamDescription.depthDataChannel("d", 4, 4, 30, bad));
        }
    }
}
