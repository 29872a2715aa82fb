package jp.madoguchi.app.counter.domain;

/**
 * 在留資格, only as far as the validity rules need it: whether the status carries a period of stay
 * (counter-rules N8: every status but 永住者, 高度専門職2号 and 特別永住者 caps the card).
 */
public enum StatusOfResidence {
    PERMANENT_RESIDENT(false),
    HIGHLY_SKILLED_PROFESSIONAL_2(false),
    SPECIAL_PERMANENT_RESIDENT(false),
    /** Any status with a period of stay (work, study, spouse, long-term resident, ...). */
    WITH_PERIOD_OF_STAY(true);

    private final boolean hasPeriodOfStay;

    StatusOfResidence(boolean hasPeriodOfStay) {
        this.hasPeriodOfStay = hasPeriodOfStay;
    }

    public boolean hasPeriodOfStay() {
        return hasPeriodOfStay;
    }
}
