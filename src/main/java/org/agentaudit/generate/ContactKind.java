package org.agentaudit.generate;

import org.agentaudit.generate.ContactCenter.Channel;

/** The kinds of contact an agent is offered; the order is that of {@code RoutingProfile.mix}. */
enum ContactKind {
    INBOUND_VOICE(Channel.VOICE),
    OUTBOUND_VOICE(Channel.VOICE),
    CALLBACK(Channel.VOICE),
    CHAT(Channel.CHAT),
    TASK(Channel.TASK);

    final Channel channel;

    ContactKind(Channel channel) {
        this.channel = channel;
    }
}
