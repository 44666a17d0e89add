package org.agentaudit.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.agentaudit.generate.AgentEvent.Type;
import org.agentaudit.generate.ContactCenter.Agent;
import org.agentaudit.generate.ContactCenter.Channel;
import org.agentaudit.generate.ContactCenter.Instance;
import org.agentaudit.generate.ContactCenter.Queue;
import org.agentaudit.generate.ContactCenter.StatusDef;

/**
 * One agent's working life as the Amazon Connect agent event stream shows it: LOGIN, Available,
 * contacts, breaks, Offline, LOGOUT, and a HEART_BEAT whenever nothing happened for 120 s (also for
 * up to an hour after logout).
 *
 * <p>The simulation is resumable: {@link #drainUntil} emits the events before a given instant and
 * stops, so the generator can advance all agents one file window at a time and never hold a run in
 * memory. Random numbers are drawn only while emitting or stepping, in event order, so the output
 * does not depend on where the windows cut.
 */
final class AgentSimulator {
    static final long HEARTBEAT_MS = 120_000;
    /** Heartbeats are not exactly 120 s apart: 120 s plus up to this much. */
    static final int HEARTBEAT_JITTER_MS = 150;
    static final long POST_LOGOUT_HEARTBEATS_MS = 3_600_000;
    private static final long INF = Long.MAX_VALUE;
    private static final long MINUTE = 60_000, HOUR = 3_600_000;

    private enum Phase { OFF, LOGGING_IN, WORKING, LOGGING_OUT, TAIL }

    private enum Step { NONE, CONTACT, BREAK_END, BREAK_START, SHIFT_END, OFFER }

    private record PlannedBreak(long at, StatusDef status, long durationMs) {
    }

    private enum Outcome { CONNECT, MISSED, REJECTED, ERROR, NO_ANSWER }

    /** A contact while it is in the agent's Contacts[]: its plan and its current state. */
    private static final class ActiveContact {
        final ContactKind kind;
        final String contactId, initialContactId, method;
        final Queue queue;
        final long queueTimestamp;
        final Outcome outcome;
        final long talkMs;
        /** Hold (voice) or pause (task) after this much talk time, or -1. */
        final long interruptAfterMs, interruptMs;
        String state;
        long stateStart, connectedAt = -1, talkEnd, interruptAt = -1, interruptStart;
        boolean interrupted;
        /** Next state, or null: the contact leaves Contacts[] (end of after-contact work). */
        String nextState;
        long nextAt;
        ContactView view;

        ActiveContact(ContactKind kind, String contactId, String initialContactId, String method, Queue queue,
                      long queueTimestamp, Outcome outcome, long talkMs, long interruptAfterMs, long interruptMs) {
            this.kind = kind;
            this.contactId = contactId;
            this.initialContactId = initialContactId;
            this.method = method;
            this.queue = queue;
            this.queueTimestamp = queueTimestamp;
            this.outcome = outcome;
            this.talkMs = talkMs;
            this.interruptAfterMs = interruptAfterMs;
            this.interruptMs = interruptMs;
        }

        ContactView view() {
            if (view == null) {
                view = new ContactView(contactId, initialContactId, kind.channel.name(), method, queue,
                    queueTimestamp, state, stateStart, connectedAt);
            }
            return view;
        }
    }

    private final Agent agent;
    private final Instance inst;
    private final Rng rnd;
    private final long[] logins, shiftLengths;
    private int shiftIdx;

    private Consumer<AgentEvent> sink;
    private Phase phase = Phase.OFF;
    private long last = Long.MIN_VALUE, nextHeartbeat = INF;
    private int seq;
    private AgentSnapshot snap;

    private StatusDef status;
    private long statusStart, lastOfflineStart;
    private StatusDef next;
    private long nextEnqueued, pendingBreakMs;
    private final List<ActiveContact> contacts = new ArrayList<>();
    private List<PlannedBreak> breaks = List.of();
    private int breakIdx;
    private boolean onBreak, ending, skipLogout;
    private long breakEnd, shiftEnd, phaseAt, nextOfferAt = INF;

    private Step nextStep = Step.NONE;
    private ActiveContact nextContact;

    /**
     * Plans the shifts whose LOGIN falls in [rangeStart, rangeEnd): one per local working day at the
     * agent's usual time (± 15 min), so day shifts in the Americas and night shifts cross UTC midnight.
     */
    AgentSimulator(Agent agent, long seed, LocalDate firstDay, int days, long rangeStart, long rangeEnd) {
        this.agent = agent;
        this.inst = agent.instance;
        this.rnd = Rng.of(seed, "behaviour", agent.index);
        Rng plan = Rng.of(seed, "shifts", agent.index);
        List<long[]> shifts = new ArrayList<>();
        for (LocalDate d = firstDay.minusDays(1); !d.isAfter(firstDay.plusDays(days)); d = d.plusDays(1)) {
            boolean off = plan.chance(agent.dayOffRate);
            long jitter = plan.between(-15 * MINUTE, 15 * MINUTE);
            long length = agent.shiftLengthMs + plan.between(-10 * MINUTE, 20 * MINUTE);
            long login = ZonedDateTime.of(d, agent.shiftStart, agent.zone).toInstant().toEpochMilli() + jitter;
            if (!off && login >= rangeStart && login < rangeEnd) shifts.add(new long[] {login, length});
        }
        logins = new long[shifts.size()];
        shiftLengths = new long[shifts.size()];
        for (int i = 0; i < shifts.size(); i++) {
            logins[i] = shifts.get(i)[0];
            shiftLengths[i] = shifts.get(i)[1];
        }
        // The agent went Offline the evening before the first shift of the run.
        lastOfflineStart = logins.length == 0 ? rangeStart
            : logins[0] - plan.between(14 * HOUR, 17 * HOUR);
    }

    boolean finished() {
        return phase == Phase.OFF && shiftIdx >= logins.length;
    }

    /** Emits, in time order, every event of this agent with EventTimestamp before {@code until}. */
    void drainUntil(long until, Consumer<AgentEvent> sink) {
        this.sink = sink;
        while (true) {
            long tStep = nextStepTime();
            if (phase != Phase.OFF) {
                long limit = Math.min(tStep, until);
                while (nextHeartbeat < limit) emit(Type.HEART_BEAT, nextHeartbeat, snap, null);
            }
            if (tStep >= until) break;
            step(tStep);
        }
        this.sink = null;
    }

    /** When the next thing happens and what it is (no randomness here). */
    private long nextStepTime() {
        nextStep = Step.NONE;
        nextContact = null;
        switch (phase) {
            case OFF:
                return shiftIdx < logins.length ? logins[shiftIdx] : INF;
            case LOGGING_IN:
            case LOGGING_OUT:
            case TAIL:
                return phaseAt;
            default:
                break;
        }
        long best = INF;
        for (ActiveContact c : contacts) {
            if (c.nextAt < best) {
                best = c.nextAt;
                nextStep = Step.CONTACT;
                nextContact = c;
            }
        }
        if (onBreak && breakEnd < best) {
            best = breakEnd;
            nextStep = Step.BREAK_END;
        }
        if (!onBreak && !ending && next == null && breakIdx < breaks.size() && breaks.get(breakIdx).at() < best) {
            best = breaks.get(breakIdx).at();
            nextStep = Step.BREAK_START;
        }
        if (!onBreak && !ending && shiftEnd < best) {
            best = shiftEnd;
            nextStep = Step.SHIFT_END;
        }
        if (nextOfferAt < best) {
            best = nextOfferAt;
            nextStep = Step.OFFER;
        }
        return best;
    }

    private void step(long planned) {
        long t = Math.max(planned, last + 1); // one event per millisecond at most, per agent
        switch (phase) {
            case OFF -> login(t);
            case LOGGING_IN -> {
                phase = Phase.WORKING;
                status = inst.available;
                statusStart = t;
                stateChange(t);
            }
            case LOGGING_OUT -> {
                if (!skipLogout) emit(Type.LOGOUT, t, snap, null);
                long tail = rnd.chance(0.6) ? POST_LOGOUT_HEARTBEATS_MS : rnd.between(10 * MINUTE, 60 * MINUTE);
                long nextLogin = shiftIdx < logins.length ? logins[shiftIdx] : INF;
                phase = Phase.TAIL;
                phaseAt = Math.min(t + tail, nextLogin - MINUTE);
            }
            case TAIL -> {
                phase = Phase.OFF;
                nextHeartbeat = INF;
            }
            case WORKING -> working(t);
        }
    }

    private void login(long t) {
        shiftEnd = t + shiftLengths[shiftIdx];
        shiftIdx++;
        breaks = planBreaks(t, shiftEnd);
        breakIdx = 0;
        onBreak = ending = false;
        next = null;
        contacts.clear();
        nextOfferAt = INF;
        status = inst.offline;
        statusStart = lastOfflineStart; // LOGIN shows the Offline status taken at the last logout
        snap = snapshot();
        emit(Type.LOGIN, t, snap, null);
        phase = Phase.LOGGING_IN;
        phaseAt = t + rnd.seconds(10, 150);
    }

    /** Two short breaks and lunch, sometimes a training or a meeting; none in the last 20 minutes. */
    private List<PlannedBreak> planBreaks(long login, long end) {
        List<PlannedBreak> plan = new ArrayList<>();
        plan.add(new PlannedBreak(login + rnd.between(110 * MINUTE, 130 * MINUTE), inst.breakStatus,
            rnd.between(10 * MINUTE, 20 * MINUTE)));
        if (rnd.chance(0.25)) {
            plan.add(new PlannedBreak(login + rnd.between(160 * MINUTE, 170 * MINUTE), inst.training,
                rnd.between(30 * MINUTE, 50 * MINUTE)));
        }
        plan.add(new PlannedBreak(login + rnd.between(225 * MINUTE, 270 * MINUTE), inst.lunch,
            rnd.between(30 * MINUTE, 60 * MINUTE)));
        plan.add(new PlannedBreak(login + rnd.between(360 * MINUTE, 390 * MINUTE), inst.breakStatus,
            rnd.between(10 * MINUTE, 20 * MINUTE)));
        if (rnd.chance(0.2)) {
            plan.add(new PlannedBreak(login + rnd.between(420 * MINUTE, 430 * MINUTE), inst.meeting,
                rnd.between(15 * MINUTE, 25 * MINUTE)));
        }
        plan.removeIf(b -> b.at() + b.durationMs() > end - 20 * MINUTE);
        return plan;
    }

    private void working(long t) {
        switch (nextStep) {
            case CONTACT -> {
                ActiveContact c = nextContact;
                if (c.nextState == null) {
                    contacts.remove(c);
                    if (contacts.isEmpty() && next != null) takeNextStatus(t);
                } else {
                    enter(c, c.nextState, t);
                }
                if (phase == Phase.WORKING) stateChange(t); // else takeNextStatus went Offline and emitted
            }
            case BREAK_START -> {
                PlannedBreak b = breaks.get(breakIdx++);
                if (t > shiftEnd - 20 * MINUTE) break; // too late for it: nothing happens
                if (contacts.isEmpty()) {
                    status = b.status();
                    statusStart = t;
                    onBreak = true;
                    breakEnd = t + b.durationMs();
                } else {
                    // Busy: the status is queued as NextAgentStatus and taken when the contacts are gone.
                    next = b.status();
                    nextEnqueued = t;
                    pendingBreakMs = b.durationMs();
                }
                stateChange(t);
            }
            case BREAK_END -> {
                onBreak = false;
                if (t >= shiftEnd - 5 * MINUTE) {
                    goOffline(t);
                } else {
                    status = inst.available;
                    statusStart = t;
                    stateChange(t);
                }
            }
            case SHIFT_END -> {
                ending = true;
                if (contacts.isEmpty()) {
                    goOffline(t);
                } else {
                    next = inst.offline;
                    nextEnqueued = t;
                    stateChange(t);
                }
            }
            case OFFER -> {
                nextOfferAt = INF;
                offer(t);
                stateChange(t);
            }
            case NONE -> throw new IllegalStateException("working agent with nothing to do");
        }
        refreshOffer(t);
    }

    /** The last contact left: the agent takes the status it had queued (a break, or Offline). */
    private void takeNextStatus(long t) {
        StatusDef s = next;
        next = null;
        if (s == inst.offline) {
            goOffline(t);
        } else {
            status = s;
            statusStart = t;
            onBreak = true;
            breakEnd = t + pendingBreakMs;
        }
    }

    private void goOffline(long t) {
        status = inst.offline;
        statusStart = t;
        next = null;
        lastOfflineStart = t;
        phase = Phase.LOGGING_OUT;
        phaseAt = t + rnd.seconds(2, 20);
        skipLogout = rnd.chance(0.015); // closing the browser does not log the agent out
        nextOfferAt = INF;
        stateChange(t);
    }

    // ---- contacts ---------------------------------------------------------------------------------

    private boolean canTake(ContactKind k) {
        boolean voice = false;
        int chat = 0, task = 0;
        for (ActiveContact c : contacts) {
            switch (c.kind.channel) {
                case VOICE -> voice = true;
                case CHAT -> chat++;
                case TASK -> task++;
            }
        }
        return switch (k.channel) {
            case VOICE -> contacts.isEmpty();
            case CHAT -> !voice && chat < agent.profile.chatSlots;
            case TASK -> !voice && task < agent.profile.taskSlots;
        };
    }

    private double[] offerWeights() {
        double[] w = agent.profile.mix.clone();
        ContactKind[] kinds = ContactKind.values();
        for (int i = 0; i < w.length; i++) if (!canTake(kinds[i])) w[i] = 0;
        return w;
    }

    /** Routing offers the agent a contact only when it is Available with room on some channel. */
    private void refreshOffer(long t) {
        boolean eligible = phase == Phase.WORKING && status.routable() && next == null && !ending && !onBreak;
        if (eligible) {
            eligible = false;
            for (double w : offerWeights()) eligible |= w > 0;
        }
        if (!eligible) {
            nextOfferAt = INF;
        } else if (nextOfferAt == INF) {
            nextOfferAt = t + (contacts.isEmpty()
                ? 3_000 + rnd.exponentialMs(agent.profile.idleMeanSec)
                : 20_000 + rnd.exponentialMs(900));
        }
    }

    private void offer(long t) {
        ContactKind kind = ContactKind.values()[rnd.weighted(offerWeights())];
        ActiveContact c = switch (kind) {
            case INBOUND_VOICE -> {
                double r = rnd.nextDouble();
                List<Queue> voiceQueues = agent.profile.queues.stream()
                    .filter(q -> q.channels()[0].equals("VOICE")).toList();
                boolean transfer = r < 0.05 || voiceQueues.isEmpty();
                String method = transfer ? "TRANSFER" : r < 0.07 ? "QUEUE_TRANSFER" : "INBOUND";
                Queue q = transfer ? agent.personalQueue : voiceQueues.get(rnd.nextInt(voiceQueues.size()));
                Outcome o = outcome(0.05, 0, 0.01, 0);
                long talk = rnd.logNormalMs(360, 0.6, 20, 2700);
                boolean hold = rnd.chance(0.25);
                yield new ActiveContact(kind, rnd.uuid(), method.equals("INBOUND") ? null : rnd.uuid(), method, q,
                    t - rnd.seconds(2, 240), o, talk, hold ? (long) (talk * (0.2 + 0.5 * rnd.nextDouble())) : -1,
                    rnd.seconds(20, 240));
            }
            case OUTBOUND_VOICE -> {
                long talk = rnd.logNormalMs(240, 0.6, 15, 2400);
                boolean hold = rnd.chance(0.1);
                yield new ActiveContact(kind, rnd.uuid(), null, "OUTBOUND", agent.profile.defaultOutbound, -1,
                    outcome(0, 0, 0.05, 0.20), talk, hold ? (long) (talk * (0.2 + 0.5 * rnd.nextDouble())) : -1,
                    rnd.seconds(20, 180));
            }
            case CALLBACK -> {
                long talk = rnd.logNormalMs(240, 0.6, 15, 2400);
                yield new ActiveContact(kind, rnd.uuid(), null, "CALLBACK", inst.callbacks,
                    t - rnd.seconds(60, 1800), outcome(0.05, 0, 0, 0.20), talk, -1, 0);
            }
            case CHAT -> {
                boolean transfer = rnd.chance(0.05);
                long talk = rnd.logNormalMs(600, 0.6, 40, 2700);
                yield new ActiveContact(kind, rnd.uuid(), transfer ? rnd.uuid() : null, transfer ? "TRANSFER" : "API",
                    transfer ? agent.personalQueue : inst.supportChat, t - rnd.seconds(2, 180),
                    outcome(0.06, 0.02, 0.01, 0), talk, -1, 0);
            }
            case TASK -> {
                long work = rnd.logNormalMs(600, 0.6, 60, 3600);
                boolean pause = rnd.chance(0.3);
                yield new ActiveContact(kind, rnd.uuid(), null, "API", inst.backOffice, t - rnd.seconds(1, 600),
                    outcome(0.04, 0.08, 0, 0), work, pause ? (long) (work * (0.2 + 0.4 * rnd.nextDouble())) : -1,
                    rnd.seconds(120, 1200));
            }
        };
        contacts.add(c);
        enter(c, kind == ContactKind.CALLBACK ? "PENDING" : "CONNECTING", t);
    }

    private Outcome outcome(double missed, double rejected, double error, double noAnswer) {
        double r = rnd.nextDouble();
        if ((r -= missed) < 0) return Outcome.MISSED;
        if ((r -= rejected) < 0) return Outcome.REJECTED;
        if ((r -= error) < 0) return Outcome.ERROR;
        if ((r -= noAnswer) < 0) return Outcome.NO_ANSWER;
        return Outcome.CONNECT;
    }

    /** The contact enters {@code state} at {@code t}; decide what comes next for it and when. */
    private void enter(ActiveContact c, String state, long t) {
        c.state = state;
        c.stateStart = t;
        c.view = null;
        switch (state) {
            case "PENDING" -> { // a callback offered to the agent
                if (c.outcome == Outcome.MISSED) then(c, "MISSED", t + rnd.seconds(15, 30));
                else then(c, "CONNECTING", t + rnd.seconds(3, 20));
            }
            case "CONNECTING" -> {
                switch (c.outcome) {
                    case MISSED -> then(c, "MISSED", t + rnd.seconds(15, 30));
                    case REJECTED -> then(c, "REJECTED", t + rnd.seconds(2, 12));
                    case ERROR -> then(c, "ERROR", t + rnd.seconds(2, 10));
                    case NO_ANSWER -> then(c, "ENDED", t + rnd.seconds(20, 45)); // dialled, nobody answered
                    case CONNECT -> then(c, "CONNECTED", t + (c.kind == ContactKind.OUTBOUND_VOICE
                        || c.kind == ContactKind.CALLBACK ? rnd.seconds(5, 30) : rnd.seconds(2, 9)));
                }
            }
            case "CONNECTED" -> {
                if (c.connectedAt < 0) {
                    c.connectedAt = t;
                    c.talkEnd = t + c.talkMs;
                    c.view = null;
                    if (c.interruptAfterMs >= 0) c.interruptAt = t + c.interruptAfterMs;
                } else if (c.interrupted) {
                    c.talkEnd += t - c.interruptStart; // back from hold / resumed: the talk time left is kept
                }
                if (c.interruptAt >= 0 && !c.interrupted) {
                    then(c, c.kind == ContactKind.TASK ? "PAUSED" : "CONNECTED_ONHOLD", Math.min(c.interruptAt, c.talkEnd - 1));
                } else {
                    then(c, "ENDED", c.talkEnd);
                }
            }
            case "CONNECTED_ONHOLD", "PAUSED" -> {
                c.interrupted = true;
                c.interruptStart = t;
                then(c, "CONNECTED", t + c.interruptMs);
            }
            case "ENDED" -> { // after-contact work until the contact leaves Contacts[]
                long acw = c.connectedAt < 0 ? rnd.seconds(3, 20)
                    : c.kind.channel == Channel.VOICE ? rnd.logNormalMs(35, 0.8, 3, 600)
                    : rnd.seconds(5, 100);
                then(c, null, t + acw);
            }
            case "MISSED" -> then(c, null, t + rnd.seconds(5, 40));
            case "REJECTED" -> then(c, null, t + rnd.seconds(1, 5));
            case "ERROR" -> then(c, null, t + rnd.seconds(5, 30));
            default -> throw new IllegalStateException(state);
        }
    }

    private static void then(ActiveContact c, String state, long at) {
        c.nextState = state;
        c.nextAt = Math.max(at, c.stateStart + 1);
    }

    // ---- events -----------------------------------------------------------------------------------

    private AgentSnapshot snapshot() {
        ContactView[] views = new ContactView[contacts.size()];
        for (int i = 0; i < views.length; i++) views[i] = contacts.get(i).view();
        return new AgentSnapshot(agent, status, statusStart, views, next, nextEnqueued);
    }

    private void stateChange(long t) {
        AgentSnapshot s = snapshot();
        emit(Type.STATE_CHANGE, t, s, snap);
        snap = s;
    }

    private void emit(Type type, long t, AgentSnapshot current, AgentSnapshot previous) {
        AgentEvent e = new AgentEvent(agent, type, t, rnd.uuid(), current, previous, seq++);
        last = t;
        nextHeartbeat = t + HEARTBEAT_MS + rnd.nextInt(HEARTBEAT_JITTER_MS + 1);
        sink.accept(e);
    }

    @Override
    public String toString() {
        return agent.username + "@" + Instant.ofEpochMilli(Math.max(0, last));
    }
}
