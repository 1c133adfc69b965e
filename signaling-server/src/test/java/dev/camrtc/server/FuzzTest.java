package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import dev.camrtc.server.testing.WsClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzz: several clients send thousands of random and mutated messages at once. No connection may
 * be closed, every reply must be a well-formed protocol message, a clean offer/answer must still work
 * afterwards, and once everyone is gone the server must hold nothing.
 */
class FuzzTest {

    private static final int CLIENTS_PER_ROLE = 3;
    private static final int MESSAGES_PER_CLIENT = 500;
    private static final Set<String> SERVER_TYPES = Set.of("registered", "sender", "sender_left", "receiver_left",
            "error", "request_offer", "offer", "answer", "candidate", "hangup", "control", "control_result");
    private static final Set<String> CODES = Set.of("bad_message", "unknown_type", "not_allowed", "unknown_sender",
            "unknown_receiver", "no_session", "forbidden", "rate_limited");
    private static final String[] TEMPLATES = {
        "{'type':'announce','name':'cam','streams':[{'name':'color','width':640}],'mjpeg_url':'http://127.0.0.1:1/'}",
        "{'type':'request_offer','sender_id':'$S','streams':['color']}",
        "{'type':'offer','receiver_id':'$R','offer':{'type':'offer','sdp':'v=0'},'streams':[{'mid':'0','name':'color'}]}",
        "{'type':'answer','sender_id':'$S','answer':{'type':'answer','sdp':'v=0'},'session_id':'x'}",
        "{'type':'candidate','receiver_id':'$R','sender_id':'$S','candidate':{'candidate':'c','sdp_mid':'0','sdp_mline_index':0}}",
        "{'type':'candidate','sender_id':'$S','candidate':null}",
        "{'type':'hangup','sender_id':'$S','receiver_id':'$R'}",
        "{'type':'control','sender_id':'$S','request_id':'1','op':'set','name':'gain','value':3}",
        "{'type':'control_result','receiver_id':'$R','request_id':'1','ok':true,'value':[1,2]}",
        "{'type':'registered','sender_id':'$S','protocol':1,'ice_servers':[]}",
        "{'type':'sender_left','sender_id':'$S'}",
        "{'type':'error','code':'bad_message','message':'m'}"};

    @Test
    void thousandsOfRandomMessagesThenACleanSessionAndNoLeftovers() throws Exception {
        long seed = System.nanoTime();
        System.out.println("FuzzTest seed " + seed);
        try (ServerFixture fx = ServerFixture.start(b -> b.rateLimit(1_000_000, 1_000_000))) {
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS_PER_ROLE; i++) {
                clients.add(fx.sender("fuzz-" + i));
                clients.add(fx.receiver());
            }
            List<String> ids = clients.stream().map(Client::id).toList();
            ExecutorService pool = Executors.newFixedThreadPool(clients.size());
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < clients.size(); c++) {
                Client client = clients.get(c);
                Random random = new Random(seed + c);
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                        if (random.nextInt(50) == 0) {
                            client.ws().sendBinary(new byte[random.nextInt(64)]);
                        } else {
                            client.ws().send(message(random, ids));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            Thread.sleep(500);
            for (Client client : clients) {
                assertFalse(client.ws().isClosed(), client.id() + " was closed by fuzz input");
                int replies = client.ws().pending();
                for (int i = 0; i < replies; i++) {
                    JsonNode reply = client.ws().next();
                    assertTrue(SERVER_TYPES.contains(reply.path("type").asText()), reply.toString());
                    if (reply.path("type").asText().equals("error")) {
                        assertTrue(CODES.contains(reply.path("code").asText()), reply.toString());
                    }
                }
            }
            assertEquals(clients.size(), fx.server().openConnections());
            for (int i = 0; i < clients.size(); i++) {
                if (i % 2 == 0) {
                    clients.get(i).ws().abort();
                } else {
                    clients.get(i).ws().close();
                }
            }
            fx.awaitNoState();
            cleanRoundTrip(fx);
            fx.awaitNoState();
        }
    }

    private static void cleanRoundTrip(ServerFixture fx) throws Exception {
        Client sender = fx.sender("after-fuzz");
        Client receiver = fx.receiver();
        assertEquals(sender.id(), receiver.ws().next().path("sender_id").asText());
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        assertEquals(receiver.id(), sender.ws().next().path("receiver_id").asText());
        sender.ws().send(msg("{'type':'offer','receiver_id':'" + receiver.id() + "','offer':{'type':'offer','sdp':'v=0'}}"));
        assertEquals("v=0", receiver.ws().next().path("offer").path("sdp").asText());
        receiver.ws().send(msg("{'type':'answer','sender_id':'" + sender.id() + "','answer':{'type':'answer','sdp':'v=1'}}"));
        assertEquals("v=1", sender.ws().next().path("answer").path("sdp").asText());
        receiver.ws().close();
        assertEquals("receiver_left", sender.ws().next().path("type").asText());
        sender.ws().close();
    }

    /** A random message: a template with real or made-up ids, mutated zero or more times, sometimes broken text. */
    static String message(Random random, List<String> ids) {
        String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        String s = random.nextInt(4) == 0 ? "s-" + random.nextInt(1000) : ids.get(random.nextInt(ids.size()));
        String r = random.nextInt(4) == 0 ? "r-" + random.nextInt(1000) : ids.get(random.nextInt(ids.size()));
        ObjectNode json = (ObjectNode) msgTree(template.replace("$S", s).replace("$R", r));
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            mutate(random, json);
        }
        String text = json.toString();
        return switch (random.nextInt(12)) {
            case 0 -> text.substring(0, random.nextInt(text.length()));
            case 1 -> flipChar(random, text);
            case 2 -> "[" + text + "]";
            case 3 -> randomText(random);
            default -> text;
        };
    }

    private static JsonNode msgTree(String singleQuoted) {
        try {
            return WsClient.JSON.readTree(msg(singleQuoted));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void mutate(Random random, ObjectNode json) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        String name = names.isEmpty() ? "type" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(5)) {
            case 0 -> json.remove(name);
            case 1 -> json.set(name, randomValue(random, 3));
            case 2 -> json.set("x_" + random.nextInt(100), randomValue(random, 3));
            case 3 -> json.put("type", new String[] {"offer", "answer", "nope", "", "OFFER", "hangup"}[random.nextInt(6)]);
            default -> {
                if (json.get(name) instanceof ObjectNode inner && inner.size() > 0) {
                    inner.set(inner.fieldNames().next(), randomValue(random, 2));
                }
            }
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (depth <= 0 ? random.nextInt(5) : random.nextInt(7)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextLong());
            case 2 -> f.textNode(randomText(random));
            case 3 -> f.booleanNode(random.nextBoolean());
            case 4 -> f.numberNode(random.nextDouble() * 1e300);
            case 5 -> {
                ArrayNode array = f.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = f.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set("k" + random.nextInt(10), randomValue(random, depth - 1));
                }
                yield object;
            }
        };
    }

    private static String flipChar(Random random, String text) {
        char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = (char) (random.nextInt(0x250));
        return new String(chars);
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            b.append((char) (0x20 + random.nextInt(0x7f00)));
        }
        return b.toString().replaceAll("[\\ud800-\\udfff]", "?");
    }
}
