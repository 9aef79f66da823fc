package io.callhook.core.campaign;

import java.util.Objects;
import java.util.UUID;

/** Identifies a campaign. */
public record CampaignId(UUID value) {

    public CampaignId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static CampaignId random() {
        return new CampaignId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static CampaignId parse(String text) {
        return new CampaignId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
