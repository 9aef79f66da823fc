package io.callhook.core.port.out;

import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.campaign.CampaignId;
import java.util.List;
import java.util.Optional;

/** Calls by Retell call id. */
public interface CallRepository {

    /**
     * Locks the call id until the end of the unit of work (also when no call with it exists yet, so two first events
     * of one call cannot both create it) and returns the call if it exists.
     */
    Optional<Call> lock(CallId id);

    /**
     * Locks each of these call ids as {@link #lock} does, in the given order (callers pass them sorted: the global lock
     * order). A store may do it in fewer round trips and keep the calls, so that the {@code lock} and {@code find} of
     * them that follow in the unit of work need none.
     */
    default void lockAll(List<CallId> ids) {
        ids.forEach(this::lock);
    }

    /** Inserts or replaces the call. */
    void save(Call call);

    /** The call, without locking. */
    Optional<Call> find(CallId id);

    /** Every call, newest first (by creation; the latest created last among equal times comes first). */
    List<Call> findLatest(int offset, int limit);

    /** The calls linked to a campaign, in creation order. */
    List<Call> findByCampaign(CampaignId campaignId);
}
