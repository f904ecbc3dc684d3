/**
 * Follow-up discipline (DOMAIN.md): an open lead is overdue once the day of its next
 * follow-up has passed, and a zombie when nobody has touched it (a follow-up or a stage
 * change) for ZOMBIE_AFTER_DAYS. Lateness is bucketed as the digest shows it.
 */
export const ZOMBIE_AFTER_DAYS = 30;

export const LATENESS_BUCKETS = ['days1to3', 'days4to7', 'days8to30', 'zombie'] as const;
export type LatenessBucket = (typeof LATENESS_BUCKETS)[number];
