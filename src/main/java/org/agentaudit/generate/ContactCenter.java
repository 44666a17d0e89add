package org.agentaudit.generate;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured side of the synthetic contact centre: one AWS account, one or two Amazon Connect
 * instances with their queues, agent statuses and routing profiles, and the agents. Everything is
 * derived from the run seed and the agent number, so agent {@code i} is the same person (ARN, login,
 * zone, shift pattern) whatever {@code --agents} is.
 */
final class ContactCenter {

    static final String VERSION = "2019-05-25";
    static final String[] ZONES = {
        "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "Australia/Sydney"};
    private static final double[] ZONE_WEIGHTS = {30, 20, 20, 20, 10};

    private static final String[] FIRST_NAMES = {
        "Maria", "Devendra", "Sam", "Aisha", "Liam", "Priya", "Noah", "Chloe", "Mateo", "Yuki",
        "Olivia", "Arjun", "Emma", "Kwame", "Sofia", "Ethan", "Ananya", "Lucas", "Grace", "Omar",
        "Isla", "Rahul", "Mia", "Jack", "Zara", "Leo", "Nadia", "Ben", "Hannah", "Ravi",
        "Ella", "Diego", "Amelia", "Tom", "Fatima", "Oscar", "Lily", "Vikram", "Ruby", "Finn"};
    private static final String[] LAST_NAMES = {
        "Lopez", "Patel", "Okafor", "Smith", "Nguyen", "Garcia", "Brown", "Sharma", "Wilson", "Kim",
        "Taylor", "Singh", "Martin", "Mensah", "Rossi", "Walker", "Iyer", "Silva", "Clarke", "Haddad",
        "Evans", "Kumar", "Murphy", "Tanaka", "Khan", "Moore", "Costa", "Hughes", "Reddy", "Kelly",
        "Wright", "Diaz", "Baker", "Chen", "Ali", "Young", "King", "Nair", "Scott", "Lee"};

    enum Channel { VOICE, CHAT, TASK }

    record Queue(String arn, String name, String[] channels) {
    }

    record StatusDef(String arn, String name, String type) {
        boolean routable() {
            return "ROUTABLE".equals(type);
        }
    }

    record Group(String arn, String name) {
    }

    /** What a routing profile offers: slots per channel, queues, and how often each kind of contact comes. */
    static final class RoutingProfile {
        final String arn;
        final String name;
        final int chatSlots, taskSlots, voiceSlots;
        final List<Queue> queues;
        final Queue defaultOutbound;
        /** Offer weights by {@link ContactKind} ordinal. */
        final double[] mix;
        /** Mean idle time (s) before the next offer while the agent has no contact. */
        final double idleMeanSec;

        RoutingProfile(String arn, String name, int chat, int task, int voice, List<Queue> queues,
                       Queue defaultOutbound, double[] mix, double idleMeanSec) {
            this.arn = arn;
            this.name = name;
            this.chatSlots = chat;
            this.taskSlots = task;
            this.voiceSlots = voice;
            this.queues = queues;
            this.defaultOutbound = defaultOutbound;
            this.mix = mix;
            this.idleMeanSec = idleMeanSec;
        }

        Queue queueFor(Channel channel, Rng rnd) {
            List<Queue> matching = new ArrayList<>();
            for (Queue q : queues) {
                for (String c : q.channels()) if (c.equals(channel.name())) matching.add(q);
            }
            return matching.get(rnd.nextInt(matching.size()));
        }
    }

    static final class Instance {
        final String id, region, arn;
        final StatusDef available, offline, lunch, breakStatus, training, meeting;
        final Queue basic, sales, callbacks, supportChat, backOffice, outbound;
        final RoutingProfile[] profiles;
        final Group[] level1, level2;

        Instance(long seed, int n, String region, String account) {
            Rng r = Rng.of(seed, "instance", n);
            this.id = r.uuid();
            this.region = region;
            this.arn = "arn:aws:connect:" + region + ":" + account + ":instance/" + id;
            available = new StatusDef(arn + "/agent-state/" + r.uuid(), "Available", "ROUTABLE");
            offline = new StatusDef(arn + "/agent-state/" + r.uuid(), "Offline", "OFFLINE");
            lunch = new StatusDef(arn + "/agent-state/" + r.uuid(), "Lunch", "CUSTOM");
            breakStatus = new StatusDef(arn + "/agent-state/" + r.uuid(), "Break", "CUSTOM");
            training = new StatusDef(arn + "/agent-state/" + r.uuid(), "Training", "CUSTOM");
            meeting = new StatusDef(arn + "/agent-state/" + r.uuid(), "Meeting", "CUSTOM");
            basic = new Queue(arn + "/queue/" + r.uuid(), "BasicQueue", new String[] {"VOICE"});
            sales = new Queue(arn + "/queue/" + r.uuid(), "Sales", new String[] {"VOICE"});
            callbacks = new Queue(arn + "/queue/" + r.uuid(), "Callbacks", new String[] {"VOICE"});
            supportChat = new Queue(arn + "/queue/" + r.uuid(), "SupportChat", new String[] {"CHAT"});
            backOffice = new Queue(arn + "/queue/" + r.uuid(), "BackOffice", new String[] {"TASK"});
            outbound = new Queue(arn + "/queue/" + r.uuid(), "OutboundQueue", new String[] {"VOICE"});
            // Offer weights: inbound voice, outbound, callback, chat, task (ContactKind order). A contact
            // comes from one of the profile's queues, or through the agent's own queue (transfers).
            // Idle means are such that heartbeats are about two thirds of the stream, as in real data.
            profiles = new RoutingProfile[] {
                new RoutingProfile(arn + "/routing-profile/" + r.uuid(), "RP-Voice", 1, 1, 1,
                    List.of(basic, callbacks), outbound, new double[] {75, 14, 11, 0, 0}, 420),
                new RoutingProfile(arn + "/routing-profile/" + r.uuid(), "RP-Digital", 3, 2, 1,
                    List.of(supportChat, backOffice), outbound, new double[] {6, 0, 0, 64, 30}, 420),
                new RoutingProfile(arn + "/routing-profile/" + r.uuid(), "RP-Blended", 2, 1, 1,
                    List.of(basic, supportChat, backOffice), outbound, new double[] {45, 5, 0, 35, 15}, 420),
            };
            String[] l1 = {"North America", "Europe", "India", "Australia"};
            String[] l2 = {"Voice Team", "Digital Support", "Blended Team"};
            level1 = new Group[l1.length];
            for (int i = 0; i < l1.length; i++) level1[i] = new Group(arn + "/agent-group/" + r.uuid(), l1[i]);
            level2 = new Group[l2.length];
            for (int i = 0; i < l2.length; i++) level2[i] = new Group(arn + "/agent-group/" + r.uuid(), l2[i]);
        }
    }

    /** One agent: identity, configuration (pre-rendered JSON around the Concurrency array) and habits. */
    static final class Agent {
        final int index;
        final Instance instance;
        final String agentId, arn, username, firstName, lastName;
        final ZoneId zone;
        final RoutingProfile profile;
        final Queue personalQueue;
        /** Usual local login time and shift length. */
        final LocalTime shiftStart;
        final long shiftLengthMs;
        /** Probability of not working on a given day. */
        final double dayOffRate;
        /** Configuration JSON before and after the value of "Concurrency". */
        final String configHead, configTail;
        /** {@code {"AWSAccountId":...,"AgentARN":...,"CurrentAgentSnapshot":} */
        final byte[] recordHead;
        /** {@code ","InstanceARN":"...","PreviousAgentSnapshot":} */
        final byte[] recordInstance;

        Agent(long seed, int index, Instance instance, String account) {
            Rng r = Rng.of(seed, "agent", index);
            this.index = index;
            this.instance = instance;
            this.agentId = r.uuid();
            this.arn = instance.arn + "/agent/" + agentId;
            this.username = String.format("agent%04d", index + 1);
            this.firstName = r.pick(FIRST_NAMES);
            this.lastName = r.pick(LAST_NAMES);
            int zoneIdx = r.weighted(ZONE_WEIGHTS);
            this.zone = ZoneId.of(ZONES[zoneIdx]);
            int profileIdx = r.weighted(new double[] {50, 20, 30});
            this.profile = instance.profiles[profileIdx];
            this.personalQueue = new Queue(instance.arn + "/queue/agent/" + agentId, null,
                new String[] {"VOICE", "CHAT", "TASK"});
            // Shift pattern: mostly day shifts, some late shifts and night shifts crossing local midnight.
            int pattern = r.weighted(new double[] {60, 25, 15});
            int startMinute = switch (pattern) {
                case 0 -> 7 * 60 + 30 * r.nextInt(7);       // 07:00 .. 10:00
                case 1 -> 14 * 60 + 30 * r.nextInt(5);      // 14:00 .. 16:00
                default -> 21 * 60 + 30 + 30 * r.nextInt(4); // 21:30 .. 23:00
            };
            this.shiftStart = LocalTime.of(startMinute / 60, startMinute % 60);
            this.shiftLengthMs = (long) ((7.75 + 0.25 * r.nextInt(5)) * 3_600_000); // 7h45 .. 8h45
            this.dayOffRate = 0.08 + 0.08 * r.nextDouble();

            StringBuilder sb = new StringBuilder(2048);
            sb.append('{');
            Json.key(sb, "AgentHierarchyGroups");
            if (r.chance(0.5)) {
                sb.append("null");
            } else {
                Group g1 = instance.level1[Math.min(zoneIdx, 3)];
                Group g2 = instance.level2[profileIdx];
                sb.append('{');
                Json.key(sb, "Level1");
                group(sb, g1).append(',');
                Json.key(sb, "Level2");
                group(sb, g2).append('}');
            }
            sb.append(',');
            Json.key(sb, "FirstName");
            Json.str(sb, firstName).append(',');
            Json.key(sb, "LastName");
            Json.str(sb, lastName).append(',');
            Json.key(sb, "Proficiencies").append('[');
            if (!r.chance(0.5)) {
                proficiency(sb, "Language", 3 + r.nextInt(3), "English");
                if (r.chance(0.35)) {
                    String second = switch (zoneIdx) {
                        case 3 -> "Hindi";
                        case 2 -> "French";
                        default -> "Spanish";
                    };
                    sb.append(',');
                    proficiency(sb, "Language", 1 + r.nextInt(5), second);
                }
            }
            sb.append("],");
            Json.key(sb, "RoutingProfile").append('{');
            Json.key(sb, "ARN");
            Json.str(sb, profile.arn).append(',');
            Json.key(sb, "Concurrency");
            this.configHead = sb.toString();

            sb.setLength(0);
            sb.append(',');
            Json.key(sb, "DefaultOutboundQueue");
            queue(sb, profile.defaultOutbound).append(',');
            Json.key(sb, "InboundQueues").append('[');
            queue(sb, personalQueue);
            for (Queue q : profile.queues) queue(sb.append(','), q);
            sb.append("],");
            Json.key(sb, "Name");
            Json.str(sb, profile.name).append("},");
            Json.key(sb, "Username");
            Json.str(sb, username).append('}');
            this.configTail = sb.toString();

            sb.setLength(0);
            sb.append('{');
            Json.key(sb, "AWSAccountId");
            Json.str(sb, account).append(',');
            Json.key(sb, "AgentARN");
            Json.str(sb, arn).append(',');
            Json.key(sb, "CurrentAgentSnapshot");
            this.recordHead = sb.toString().getBytes(StandardCharsets.UTF_8);
            sb.setLength(0);
            sb.append("\",");
            Json.key(sb, "InstanceARN");
            Json.str(sb, instance.arn).append(',');
            Json.key(sb, "PreviousAgentSnapshot");
            this.recordInstance = sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        int slots(Channel c) {
            return switch (c) {
                case VOICE -> profile.voiceSlots;
                case CHAT -> profile.chatSlots;
                case TASK -> profile.taskSlots;
            };
        }

        private static StringBuilder group(StringBuilder sb, Group g) {
            sb.append('{');
            Json.key(sb, "ARN");
            Json.str(sb, g.arn()).append(',');
            Json.key(sb, "Name");
            return Json.str(sb, g.name()).append('}');
        }

        private static void proficiency(StringBuilder sb, String name, int level, String value) {
            sb.append('{');
            Json.key(sb, "Name");
            Json.str(sb, name).append(',');
            Json.key(sb, "ProficiencyLevel").append(level).append(".0,");
            Json.key(sb, "Value");
            Json.str(sb, value).append('}');
        }

        private static StringBuilder queue(StringBuilder sb, Queue q) {
            sb.append('{');
            Json.key(sb, "ARN");
            Json.str(sb, q.arn()).append(',');
            Json.key(sb, "Channels").append('[');
            for (int i = 0; i < q.channels().length; i++) {
                if (i > 0) sb.append(',');
                Json.str(sb, q.channels()[i]);
            }
            sb.append("],");
            Json.key(sb, "Name");
            return Json.str(sb, q.name()).append('}');
        }
    }

    final String accountId;
    final List<Instance> instances;
    final List<Agent> agents;

    private ContactCenter(String accountId, List<Instance> instances, List<Agent> agents) {
        this.accountId = accountId;
        this.instances = instances;
        this.agents = agents;
    }

    /**
     * Builds the directory: a second instance (eu-west-2) holds every fourth agent once there are
     * at least four, so multi-instance handling gets exercised without making it the common case.
     */
    static ContactCenter build(long seed, int agentCount) {
        Rng r = Rng.of(seed, "account", 0);
        String account = String.format("%012d", Math.floorMod(r.nextLong(), 1_000_000_000_000L));
        List<Instance> instances = new ArrayList<>();
        instances.add(new Instance(seed, 0, "us-east-1", account));
        if (agentCount >= 4) instances.add(new Instance(seed, 1, "eu-west-2", account));
        List<Agent> agents = new ArrayList<>(agentCount);
        for (int i = 0; i < agentCount; i++) {
            Instance inst = instances.size() > 1 && i % 4 == 3 ? instances.get(1) : instances.get(0);
            agents.add(new Agent(seed, i, inst, account));
        }
        return new ContactCenter(account, List.copyOf(instances), List.copyOf(agents));
    }
}
