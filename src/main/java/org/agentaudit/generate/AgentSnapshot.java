package org.agentaudit.generate;

import java.nio.charset.StandardCharsets;
import org.agentaudit.generate.ContactCenter.Agent;
import org.agentaudit.generate.ContactCenter.StatusDef;

/**
 * An immutable {@code AgentSnapshot}. Consecutive events share snapshot objects (a heartbeat repeats
 * the current one, a state change's previous snapshot is the last event's current one), and the
 * rendered JSON is cached, so each distinct snapshot is rendered once.
 */
final class AgentSnapshot {
    private static final ContactView[] NO_CONTACTS = new ContactView[0];

    final Agent agent;
    final StatusDef status;
    final long statusStart;
    final ContactView[] contacts;
    /** {@code NextAgentStatus}: null, or the status the agent picked to take after its contacts. */
    final StatusDef next;
    final long nextEnqueued;
    private volatile byte[] json;

    AgentSnapshot(Agent agent, StatusDef status, long statusStart, ContactView[] contacts,
                  StatusDef next, long nextEnqueued) {
        this.agent = agent;
        this.status = status;
        this.statusStart = statusStart;
        this.contacts = contacts == null ? NO_CONTACTS : contacts;
        this.next = next;
        this.nextEnqueued = nextEnqueued;
    }

    byte[] json() {
        byte[] j = json;
        if (j == null) {
            json = j = render().getBytes(StandardCharsets.UTF_8);
        }
        return j;
    }

    private String render() {
        StringBuilder sb = new StringBuilder(2400 + 480 * contacts.length);
        sb.append('{');
        Json.key(sb, "AgentStatus").append('{');
        Json.key(sb, "ARN");
        Json.str(sb, status.arn()).append(',');
        Json.key(sb, "Name");
        Json.str(sb, status.name()).append(',');
        Json.key(sb, "StartTimestamp");
        Json.ts(sb, statusStart).append(',');
        Json.key(sb, "Type");
        Json.str(sb, status.type()).append("},");
        Json.key(sb, "Configuration");
        sb.append(agent.configHead);
        // Concurrency: slots left per channel while contacts of that channel are in Contacts[].
        int chat = 0, task = 0, voice = 0;
        for (ContactView c : contacts) {
            switch (c.channel) {
                case "CHAT" -> chat++;
                case "TASK" -> task++;
                default -> voice++;
            }
        }
        sb.append('[');
        slots(sb, "CHAT", agent.profile.chatSlots, chat).append(',');
        slots(sb, "TASK", agent.profile.taskSlots, task).append(',');
        slots(sb, "VOICE", agent.profile.voiceSlots, voice).append(']');
        sb.append(agent.configTail).append(',');
        Json.key(sb, "Contacts").append('[');
        for (int i = 0; i < contacts.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(contacts[i].json());
        }
        sb.append("],");
        Json.key(sb, "NextAgentStatus");
        if (next == null) {
            sb.append("null");
        } else {
            sb.append('{');
            Json.key(sb, "ARN");
            Json.str(sb, next.arn()).append(',');
            Json.key(sb, "EnqueuedTimestamp");
            Json.ts(sb, nextEnqueued).append(',');
            Json.key(sb, "Name");
            Json.str(sb, next.name()).append('}');
        }
        return sb.append('}').toString();
    }

    private static StringBuilder slots(StringBuilder sb, String channel, int max, int used) {
        sb.append('{');
        Json.key(sb, "AvailableSlots").append(Math.max(0, max - used)).append(',');
        Json.key(sb, "Channel");
        Json.str(sb, channel).append(',');
        Json.key(sb, "MaximumSlots").append(max).append('}');
        return sb;
    }
}
