package org.zamin.inbox;

import java.util.Map;

/**
 * What a notification says, as a key of {@code web/i18n/*.json} and its parameters, so each reader gets it in their
 * own language and calendar: the inbox page renders {@code key} (text) and {@code key + ".subject"} (title); e-mail
 * is rendered on the server by {@link Messages}. A parameter whose name ends in {@code On} is an ISO date
 * (yyyy-mm-dd), shown in the reader's calendar; {@code x} with a sibling {@code xFa} has a Persian form (names).
 */
public record Message(String key, Map<String, Object> params) {

    public Message {
        if (key == null || !key.matches("[a-z][A-Za-z0-9]*(\\.[a-zA-Z0-9]+)+")) {
            throw new IllegalArgumentException("a message key is dotted words, got " + key);
        }
        params = Map.copyOf(params);
    }

    public static Message of(String key, Map<String, Object> params) {
        return new Message(key, params);
    }
}
