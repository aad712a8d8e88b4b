package io.dbaas.orion.capacity;

import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/**
 * An amount of CPU (cores), memory and disk (bytes): a region's capacity, a claim's demand or an allocation. Exact
 * decimals, so that {@code 3 × 500m} is exactly {@code 1.5} cores and sums never drift.
 */
@Embeddable
public record Resources(BigDecimal cpu, BigDecimal memory, BigDecimal disk) {

    public static final Resources NONE = new Resources(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public static Resources of(Quantity cpu, Quantity memory, Quantity disk) {
        return new Resources(cpu.value(), memory.value(), disk.value());
    }

    /** What {@code nodes} nodes of this size need together. */
    public Resources times(int nodes) {
        BigDecimal factor = BigDecimal.valueOf(nodes);
        return new Resources(cpu.multiply(factor), memory.multiply(factor), disk.multiply(factor));
    }

    public Resources plus(Resources other) {
        return new Resources(cpu.add(other.cpu), memory.add(other.memory), disk.add(other.disk));
    }

    /** What is left when {@code other} is taken away; never below zero, as a region can be shrunk under its use. */
    public Resources minus(Resources other) {
        return new Resources(
                cpu.subtract(other.cpu).max(BigDecimal.ZERO),
                memory.subtract(other.memory).max(BigDecimal.ZERO),
                disk.subtract(other.disk).max(BigDecimal.ZERO));
    }

    /**
     * The exact difference, for a running total that {@code part} was added to before; unlike {@link #minus} it never
     * hides a total that would go below zero.
     *
     * @throws IllegalStateException when {@code part} is larger than this in some dimension
     */
    public Resources less(Resources part) {
        var difference = new Resources(cpu.subtract(part.cpu), memory.subtract(part.memory), disk.subtract(part.disk));
        if (difference.cpu.signum() < 0 || difference.memory.signum() < 0 || difference.disk.signum() < 0) {
            throw new IllegalStateException("a running total would go below zero: " + this + " less " + part);
        }
        return difference;
    }

    /** The larger of the two in each dimension: what covers both. */
    public Resources atLeast(Resources other) {
        return new Resources(cpu.max(other.cpu), memory.max(other.memory), disk.max(other.disk));
    }

    /** Whether this fits within {@code room} in every dimension. */
    public boolean fitsWithin(Resources room) {
        return cpu.compareTo(room.cpu) <= 0 && memory.compareTo(room.memory) <= 0 && disk.compareTo(room.disk) <= 0;
    }

    /** Equal amounts, however they are written ({@code 1} and {@code 1.000} cores are the same). */
    public boolean isSameAs(Resources other) {
        return cpu.compareTo(other.cpu) == 0 && memory.compareTo(other.memory) == 0 && disk.compareTo(other.disk) == 0;
    }

    public Quantity cpuQuantity() {
        return Quantity.ofCores(cpu);
    }

    public Quantity memoryQuantity() {
        return Quantity.ofBytes(memory);
    }

    public Quantity diskQuantity() {
        return Quantity.ofBytes(disk);
    }

    /** For people: {@code 1500m CPU, 3Gi memory and 30Gi disk}. */
    public String describe() {
        return "%s CPU, %s memory and %s disk".formatted(cpuQuantity(), memoryQuantity(), diskQuantity());
    }
}
