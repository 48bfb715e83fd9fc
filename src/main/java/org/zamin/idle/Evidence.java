package org.zamin.idle;

import java.util.Map;

/** What one rule found: the rule's code, its contribution to the score, and the facts behind it. */
public record Evidence(String rule, int score, Map<String, Object> facts) {

    public Evidence {
        facts = Map.copyOf(facts);
    }
}
