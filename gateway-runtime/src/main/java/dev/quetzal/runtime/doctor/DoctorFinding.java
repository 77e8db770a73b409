package dev.quetzal.runtime.doctor;

import dev.quetzal.api.diagnostic.Finding;

/**
 * A finding and what it is about.
 *
 * @param subject the component ({@code ikev2}), {@code config}, {@code status} or {@code addressPool}
 */
public record DoctorFinding(String subject, Finding finding) {}
