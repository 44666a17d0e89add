package org.agentaudit.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.agentaudit.generate.ContactCenter.Agent;

/** One agent event as Amazon Connect emits it (before delivery): immutable. */
final class AgentEvent {
    enum Type { LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT }

    private static final byte[] EVENT_ID = ",\"EventId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_TS = "\",\"EventTimestamp\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_TYPE = "\",\"EventType\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION =
        (",\"Version\":\"" + ContactCenter.VERSION + "\"}").getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] TYPE_NAMES = new byte[Type.values().length][];

    static {
        for (Type t : Type.values()) TYPE_NAMES[t.ordinal()] = t.name().getBytes(StandardCharsets.US_ASCII);
    }

    final Agent agent;
    final Type type;
    final long timestamp;
    final String eventId;
    final AgentSnapshot current;
    /** Filled on STATE_CHANGE only, as in the real stream. */
    final AgentSnapshot previous;
    /** Emission order within the agent: a stable tie-breaker. */
    final int seq;

    AgentEvent(Agent agent, Type type, long timestamp, String eventId, AgentSnapshot current,
               AgentSnapshot previous, int seq) {
        this.agent = agent;
        this.type = type;
        this.timestamp = timestamp;
        this.eventId = eventId;
        this.current = current;
        this.previous = previous;
        this.seq = seq;
    }

    /**
     * Writes the record (keys in the same order as real records) and returns its length in bytes.
     * {@code scratch} must hold at least 36 bytes.
     */
    long writeTo(OutputStream out, byte[] scratch) throws IOException {
        long n = 0;
        out.write(agent.recordHead);
        n += agent.recordHead.length;
        byte[] cur = current.json();
        out.write(cur);
        n += cur.length;
        out.write(EVENT_ID);
        n += EVENT_ID.length;
        for (int i = 0; i < 36; i++) scratch[i] = (byte) eventId.charAt(i);
        out.write(scratch, 0, 36);
        n += 36;
        out.write(EVENT_TS);
        n += EVENT_TS.length;
        Json.timestamp(timestamp, scratch, 0);
        out.write(scratch, 0, 24);
        n += 24;
        out.write(EVENT_TYPE);
        n += EVENT_TYPE.length;
        byte[] t = TYPE_NAMES[type.ordinal()];
        out.write(t);
        n += t.length;
        out.write(agent.recordInstance);
        n += agent.recordInstance.length;
        byte[] prev = previous == null ? NULL : previous.json();
        out.write(prev);
        n += prev.length;
        out.write(VERSION);
        n += VERSION.length;
        return n;
    }
}
