package io.callhook.core.retell;

import java.math.BigDecimal;
import java.util.List;

/**
 * Retell's {@code call_cost}. Money is in US <strong>cents</strong> (Retell sends them as floats, e.g. {@code 43.945}
 * = $0.43945) and kept exactly as {@link BigDecimal}; unit prices are cents per second.
 *
 * @param combinedCostCents            {@code combined_cost}, or {@code null}
 * @param productCosts                 {@code product_costs}, empty when absent
 * @param totalDurationSeconds         {@code total_duration_seconds}, or {@code null} (missing on never-connected calls)
 * @param totalDurationUnitPriceCents  {@code total_duration_unit_price} in cents per second, or {@code null}
 */
public record CallCost(
        BigDecimal combinedCostCents,
        List<ProductCost> productCosts,
        BigDecimal totalDurationSeconds,
        BigDecimal totalDurationUnitPriceCents) {

    public CallCost {
        productCosts = productCosts == null ? List.of() : List.copyOf(productCosts);
    }

    /**
     * One line of {@code product_costs}.
     *
     * @param product                 free-form product name, e.g. {@code voice_engine}, or {@code null} when absent
     * @param costCents               {@code cost} in cents, or {@code null} when absent
     * @param unitPriceCentsPerSecond {@code unit_price}, or {@code null}
     * @param transferLeg             {@code is_transfer_leg_cost}; {@code false} when absent
     */
    public record ProductCost(String product, BigDecimal costCents, BigDecimal unitPriceCentsPerSecond, boolean transferLeg) {
    }
}
