package org.agentaudit.config;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * A label set (audit-status-rules.md section 3), loaded from {@code conf/labels/<name>.json}: the
 * names an interval shows, as a function of its label-free facts. The table stores the facts, so a
 * report can be re-labelled with another set without re-reading the events.
 */
public final class LabelSet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Definition definition;

    private LabelSet(Definition definition) {
        this.definition = definition;
    }

    /** Loads {@code conf/labels/<name>.json}; an unknown name is a bad argument. */
    public static LabelSet named(String name) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("unknown label set '" + name + "'");
        }
        try {
            Optional<InputStream> in = ConfigFiles.open("labels/" + name + ".json");
            if (in.isEmpty()) {
                throw new IllegalArgumentException("unknown label set '" + name + "' (no conf/labels/" + name + ".json)");
            }
            try (InputStream stream = in.get()) {
                Definition definition = JSON.readValue(stream, Definition.class);
                definition.validate(name);
                return new LabelSet(definition);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("conf/labels/" + name + ".json: " + e.getMessage(), e);
        }
    }

    public String name() {
        return definition.name;
    }

    /**
     * The status shown for an interval, from the audit table's fact columns: {@code status_source},
     * {@code agent_status_name}, {@code agent_status_type}, {@code contact_state}, {@code channel},
     * {@code initiation_method}, {@code never_connected}, {@code was_dialling}.
     */
    public Column status() {
        return when(col("status_source").equalTo("CONTACT"), contactLabel())
                .otherwise(agentStatus(col("status_source"), col("agent_status_name"), col("agent_status_type")));
    }

    /**
     * The status of an interval not driven by a contact (audit-status-rules.md section 2): Offline
     * when logged out or when the agent status is of type OFFLINE, else the status name as written.
     * The same in every label set.
     */
    public static Column agentStatus(Column source, Column name, Column type) {
        return when(source.equalTo("LOGGED_OUT").or(type.equalTo("OFFLINE")), lit("Offline")).otherwise(name);
    }

    private Column contactLabel() {
        Column channel = coalesce(col("channel"), lit(""));
        Column method = coalesce(col("initiation_method"), lit(""));
        Column outbound = method.isin(definition.outboundInitiated.toArray());
        Column label = col("contact_state"); // a state no row knows shows as its raw text
        for (int i = definition.rules.size() - 1; i >= 0; i--) {
            Rule rule = definition.rules.get(i);
            Column matches = col("contact_state").isin(rule.states.toArray());
            if (rule.channels != null) {
                matches = matches.and(channel.isin(rule.channels.toArray()));
            }
            if (rule.excludeChannels != null) {
                matches = matches.and(channel.isin(rule.excludeChannels.toArray()).unary_$bang());
            }
            if (rule.direction != null) {
                matches = matches.and(rule.direction.equals("outbound") ? outbound : outbound.unary_$bang());
            }
            if (rule.initiationMethods != null) {
                matches = matches.and(method.isin(rule.initiationMethods.toArray()));
            }
            if (rule.neverConnected != null) {
                matches = matches.and(coalesce(col("never_connected"), lit(false)).equalTo(rule.neverConnected));
            }
            if (rule.wasDialling != null) {
                matches = matches.and(coalesce(col("was_dialling"), lit(false)).equalTo(rule.wasDialling));
            }
            label = when(matches, lit(rule.label)).otherwise(label);
        }
        return label;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Definition {
        public String name;
        public String description;
        public List<String> outboundInitiated;
        public List<Rule> rules;

        void validate(String file) {
            if (name == null || outboundInitiated == null || rules == null || rules.isEmpty()) {
                throw new IllegalArgumentException("conf/labels/" + file + ".json needs name, outboundInitiated and rules");
            }
            for (Rule rule : rules) {
                if (rule.states == null || rule.states.isEmpty() || rule.label == null) {
                    throw new IllegalArgumentException("conf/labels/" + file + ".json: every rule needs states and label");
                }
                if (rule.direction != null && !rule.direction.equals("inbound") && !rule.direction.equals("outbound")) {
                    throw new IllegalArgumentException("conf/labels/" + file + ".json: direction is inbound or outbound, not " + rule.direction);
                }
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    static final class Rule {
        public List<String> states;
        public List<String> channels;
        public List<String> excludeChannels;
        public String direction;
        public List<String> initiationMethods;
        public Boolean neverConnected;
        public Boolean wasDialling;
        public String label;
    }
}
