package org.agentaudit.generate;

/**
 * One entry of a snapshot's {@code Contacts[]}: immutable, so a snapshot can be rendered on a
 * writer thread while the simulation goes on. Timestamps are epoch ms, negative for null.
 */
final class ContactView {
    final String contactId, initialContactId, channel, initiationMethod, state;
    final ContactCenter.Queue queue;
    final long queueTimestamp, stateStartTimestamp, connectedToAgentTimestamp;
    private volatile String json;

    ContactView(String contactId, String initialContactId, String channel, String initiationMethod,
                ContactCenter.Queue queue, long queueTimestamp, String state, long stateStartTimestamp,
                long connectedToAgentTimestamp) {
        this.contactId = contactId;
        this.initialContactId = initialContactId;
        this.channel = channel;
        this.initiationMethod = initiationMethod;
        this.queue = queue;
        this.queueTimestamp = queueTimestamp;
        this.state = state;
        this.stateStartTimestamp = stateStartTimestamp;
        this.connectedToAgentTimestamp = connectedToAgentTimestamp;
    }

    /** Field order as in real records (alphabetical). */
    String json() {
        String j = json;
        if (j == null) {
            StringBuilder sb = new StringBuilder(480);
            sb.append('{');
            Json.key(sb, "Channel");
            Json.str(sb, channel).append(',');
            Json.key(sb, "ConnectedToAgentTimestamp");
            Json.ts(sb, connectedToAgentTimestamp).append(',');
            Json.key(sb, "ContactId");
            Json.str(sb, contactId).append(',');
            Json.key(sb, "InitialContactId");
            Json.str(sb, initialContactId).append(',');
            Json.key(sb, "InitiationMethod");
            Json.str(sb, initiationMethod).append(',');
            Json.key(sb, "Queue").append('{');
            Json.key(sb, "ARN");
            Json.str(sb, queue.arn()).append(',');
            Json.key(sb, "Name");
            Json.str(sb, queue.name()).append("},");
            Json.key(sb, "QueueTimestamp");
            Json.ts(sb, queueTimestamp).append(',');
            Json.key(sb, "State");
            Json.str(sb, state).append(',');
            Json.key(sb, "StateStartTimestamp");
            Json.ts(sb, stateStartTimestamp).append('}');
            json = j = sb.toString();
        }
        return j;
    }
}
